package com.pawprint.trainer.service;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.contracts.Violation;
import com.pawprint.contracts.EventCodec;
import com.pawprint.messaging.DeadLetters;
import com.pawprint.messaging.JobProgressReporter;
import com.pawprint.messaging.ReceivedRecord;
import com.pawprint.storage.InvalidKeyException;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.trainer.storage.JobState;
import com.pawprint.trainer.storage.TrainingJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns captions.ready into a queued training job. An event that cannot be trained on is kept as a FAILED job with
 * the reason (so the REST view explains it), dead-lettered and reported FAILED: it is never retried in a loop.
 */
@ApplicationScoped
public class TrainingQueue {

    private static final Logger LOG = Logger.getLogger(TrainingQueue.class);

    private final DeadLetters deadLetters;
    private final JobProgressReporter progress;
    private final Clock clock = Clock.systemUTC();

    public TrainingQueue(DeadLetters deadLetters, JobProgressReporter progress) {
        this.deadLetters = deadLetters;
        this.progress = progress;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public TrainingJob enqueue(CaptionsReady event, ReceivedRecord received) {
        TrainingJob job = new TrainingJob();
        job.jobId = event.metadata().jobId();
        job.tenantId = event.metadata().tenantId();
        job.petId = event.metadata().petId();
        job.sourceEvent = EventCodec.encode(event);
        job.metadataCsvKey = event.metadataCsvKey();
        job.configJson = ConfigJson.write(event.trainingConfig());
        job.createdAt = clock.instant();
        job.updatedAt = job.createdAt;
        List<String> problems = problems(event);
        if (!problems.isEmpty()) {
            String reason = "captions.ready cannot be trained on: " + String.join("; ", problems);
            job.status = JobState.FAILED;
            job.failureReason = reason;
            job.finishedAt = job.createdAt;
            job.persist();
            deadLetters.publish(received, reason, Stage.TRAINING);
            progress.failed(event.metadata(), Stage.TRAINING, reason);
            return job;
        }
        job.status = JobState.QUEUED;
        job.persist();
        progress.statusChanged(event.metadata(), Stage.TRAINING, JobStatus.TRAINING, "queued for training");
        LOG.infof("queued training of %d images", event.dataset().images().size());
        return job;
    }

    private static List<String> problems(CaptionsReady event) {
        List<String> problems = new ArrayList<>(event.trainingConfig().validate().stream()
                .map(Violation::message).toList());
        if (event.dataset().images().isEmpty()) {
            problems.add("the dataset has no images");
        }
        foreignKey(event).ifPresent(problems::add);
        return problems;
    }

    /** Events are trusted no further than their tenant: the dataset is the pet's, earlier LoRAs the tenant's. */
    private static Optional<String> foreignKey(CaptionsReady event) {
        String tenant = event.metadata().tenantId();
        TrainingConfig config = event.trainingConfig();
        try {
            ObjectKeys.PetKeys pet = ObjectKeys.pet(tenant, event.metadata().petId().toString());
            pet.requireOwn("metadataCsvKey", event.metadataCsvKey());
            event.dataset().images().forEach(image -> pet.requireOwn("dataset image", image.normalizedKey()));
            String tenantPrefix = ObjectKeys.tenantPrefix(tenant);
            if (config.networkWeights() != null) {
                ObjectKeys.requireUnder(tenantPrefix, "network_weights", config.networkWeights());
            }
            if (config.regDataDir() != null) {
                ObjectKeys.requireUnder(tenantPrefix, "reg_data_dir", config.regDataDir());
            }
            return Optional.empty();
        } catch (InvalidKeyException e) {
            return Optional.of(e.getMessage());
        }
    }
}
