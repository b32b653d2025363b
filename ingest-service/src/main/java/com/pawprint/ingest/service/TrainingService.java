package com.pawprint.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.contracts.ConfigFormat;
import com.pawprint.contracts.DatasetImage;
import com.pawprint.contracts.DatasetManifest;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.InvalidConfigException;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.contracts.TrainingConfigParser;
import com.pawprint.ingest.config.IngestConfig;
import com.pawprint.ingest.storage.Job;
import com.pawprint.ingest.storage.Pet;
import com.pawprint.ingest.storage.Photo;
import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.web.Problem;
import com.pawprint.web.Problem.FieldError;
import com.pawprint.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accepts training orders. An order is idempotent on the tenant's Idempotency-Key: the same key with the same
 * request answers with the job it created, the same key with another request is refused. The job and its
 * photos.ingested event are written in one transaction (the event through the outbox), so an accepted order is
 * never without its event.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** The job of an order, and whether this request created it or replays an earlier one. */
    public record Order(Job job, boolean replayed) {
    }

    private final PetService pets;
    private final Outbox outbox;
    private final WebhookService webhooks;
    private final ObjectMapper json;
    private final IngestConfig.Orders config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public TrainingService(PetService pets, Outbox outbox, WebhookService webhooks, ObjectMapper json,
                           IngestConfig config, Clock clock, MeterRegistry metrics) {
        this.pets = pets;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.json = json;
        this.config = config.orders();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * @param contentType the request's Content-Type: JSON or YAML
     * @param body        the training config as sent
     * @throws ProblemException 400 without a usable Idempotency-Key, 404 for an unknown or foreign pet, 415 for
     *                          another media type, 422 for an invalid config (every violation), too few photos
     *                          or a reused key with a different request
     */
    public Order order(String tenantId, UUID petId, String idempotencyKey, String contentType, String body) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.badRequest("The Idempotency-Key header is required: 1 to 255 visible ASCII "
                    + "characters, a new value for each new order (a UUID is a good choice).");
        }
        Pet pet = pets.get(tenantId, petId);
        ConfigFormat format = ConfigFormat.fromMediaType(contentType).orElseThrow(() -> new ProblemException(
                Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                        "Send the training config as application/json or application/yaml, not "
                                + (contentType == null ? "without a Content-Type" : contentType) + ".")));
        String requestHash = requestHash(pet.id, format, body == null ? "" : body);
        Optional<Order> replay = replay(tenantId, idempotencyKey, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        TrainingConfig trainingConfig = parse(body, format);
        try {
            Job job = QuarkusTransaction.requiringNew().call(
                    () -> createJob(pet, idempotencyKey, requestHash, trainingConfig));
            metrics.counter("pawprint.orders.accepted").increment();
            return new Order(job, false);
        } catch (RuntimeException e) {
            // A concurrent request with the same key won the unique constraint: answer like a replay.
            return replay(tenantId, idempotencyKey, requestHash).orElseThrow(() -> e);
        }
    }

    private Optional<Order> replay(String tenantId, String idempotencyKey, String requestHash) {
        return Job.findByIdempotencyKey(tenantId, idempotencyKey).map(existing -> {
            if (!existing.requestHash.equals(requestHash)) {
                throw ProblemException.unprocessable("idempotency-key-reused", "The Idempotency-Key '"
                        + idempotencyKey + "' was already used for a different request (job " + existing.id
                        + "); use a new key for a new order.");
            }
            return new Order(existing, true);
        });
    }

    /** An empty body means every option at its default. */
    private static TrainingConfig parse(String body, ConfigFormat format) {
        try {
            return TrainingConfigParser.parse(body, format);
        } catch (InvalidConfigException e) {
            throw ProblemException.unprocessableFields("The training config is invalid: " + e.violations().size()
                            + " problem(s).", e.violations().stream()
                    .map(violation -> new FieldError(violation.field(), violation.message())).toList());
        }
    }

    private Job createJob(Pet pet, String idempotencyKey, String requestHash, TrainingConfig trainingConfig) {
        List<Photo> photos = Photo.listOfPet(pet.id);
        if (photos.size() < config.minAcceptedPhotos()) {
            throw ProblemException.unprocessable("not-enough-photos", "Pet " + pet.id + " has " + photos.size()
                    + " accepted photo(s); a training needs at least " + config.minAcceptedPhotos() + ".");
        }
        Job job = new Job();
        job.id = UUID.randomUUID();
        EventMetadata metadata = EventMetadata.newChain(pet.tenantId, pet.id, job.id, clock);
        job.tenantId = pet.tenantId;
        job.petId = pet.id;
        job.correlationId = metadata.correlationId();
        job.idempotencyKey = idempotencyKey;
        job.requestHash = requestHash;
        job.status = JobStatus.RECEIVED;
        job.stage = Stage.INGEST;
        job.trainingConfig = toJson(trainingConfig);
        job.photoCount = photos.size();
        job.createdAt = metadata.occurredAt();
        job.updatedAt = job.createdAt;
        job.persist();
        DatasetManifest dataset = new DatasetManifest(photos.stream()
                .map(photo -> new DatasetImage(photo.id, photo.originalKey, photo.normalizedKey, photo.width,
                        photo.height, photo.sha256))
                .toList());
        outbox.enqueue(new PhotosIngested(metadata, pet.profile(), dataset, trainingConfig));
        webhooks.enqueueStatusChange(job);
        LOG.infof("training order %s accepted for pet %s with %d photos", job.id, pet.id, photos.size());
        return job;
    }

    private String toJson(TrainingConfig trainingConfig) {
        try {
            return json.writeValueAsString(trainingConfig);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a training config is plain data and always serializes", e);
        }
    }

    private static String requestHash(UUID petId, ConfigFormat format, String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((petId + "\n" + format + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
