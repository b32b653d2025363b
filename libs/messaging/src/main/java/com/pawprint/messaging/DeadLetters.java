package com.pawprint.messaging;

import com.pawprint.contracts.DeadLetter;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Publishes a {@link DeadLetter} for a record this service gives up on to {@code <topic>.dlq}, keyed like the
 * original so one pet's dead letters stay in order. It returns once the broker has stored it, so the caller may
 * then acknowledge the original record; if it throws {@link PublishException}, the caller must not.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaSender sender;
    private final String service;
    private final Clock clock;

    @Inject
    public DeadLetters(KafkaSender sender, @ConfigProperty(name = "quarkus.application.name") String service) {
        this(sender, service, Clock.systemUTC());
    }

    DeadLetters(KafkaSender sender, String service, Clock clock) {
        this.sender = sender;
        this.service = service;
        this.clock = clock;
    }

    public DeadLetter publish(ReceivedRecord record, String reason, Stage stage) {
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                record.payload(), record.headers(), reason, stage, service, clock.instant());
        sender.send(new ProducerRecord<>(letter.deadLetterTopic(), record.key(),
                EventCodec.encodeDeadLetter(letter)));
        LOG.warnf("dead-lettered %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(),
                letter.deadLetterTopic(), reason);
        return letter;
    }
}
