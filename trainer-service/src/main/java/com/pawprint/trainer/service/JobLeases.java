package com.pawprint.trainer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.trainer.config.TrainerConfig;
import com.pawprint.trainer.storage.JobState;
import com.pawprint.trainer.storage.TrainingJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job table as workers use it, each call in a transaction of its own. A worker claims one job by lease; every
 * later change is made only while that worker still holds the lease, so a trainer that lost its job (its lease ran
 * out and another worker took over) can never overwrite the new owner's progress or outcome.
 */
@ApplicationScoped
public class JobLeases {

    /** A claimed job as the worker needs it. */
    public record ClaimedJob(UUID jobId, String owner, CaptionsReady event, String versionName, int attempts) {
    }

    /*
     * SKIP LOCKED: concurrent workers each get a different row instead of queueing behind one another's lock. An
     * expired TRAINING lease belongs to a trainer that stopped heartbeating (killed, partitioned): claimable.
     */
    private static final String CLAIMABLE = "SELECT job_id FROM {h-schema}training_jobs "
            + "WHERE (status = 'QUEUED' OR (status = 'TRAINING' AND lease_expires_at < :now)) "
            + "AND NOT cancel_requested ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED";

    private static final String CANCELLED_ORPHANS = "UPDATE {h-schema}training_jobs SET status = 'CANCELED', "
            + "lease_owner = NULL, lease_expires_at = NULL, finished_at = :now, updated_at = :now "
            + "WHERE status = 'TRAINING' AND cancel_requested AND lease_expires_at < :now";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager entityManager;
    private final TrainerConfig config;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public JobLeases(EntityManager entityManager, TrainerConfig config, Outbox outbox) {
        this.entityManager = entityManager;
        this.config = config;
        this.outbox = outbox;
    }

    public Optional<ClaimedJob> claim(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            // A cancelled job whose trainer died before stopping it would otherwise stay TRAINING: end it here.
            entityManager.createNativeQuery(CANCELLED_ORPHANS).setParameter("now", now).executeUpdate();
            @SuppressWarnings("unchecked")
            List<UUID> ids = entityManager.createNativeQuery(CLAIMABLE, UUID.class).setParameter("now", now)
                    .getResultList();
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            TrainingJob job = TrainingJob.findById(ids.get(0));
            job.status = JobState.TRAINING;
            job.leaseOwner = owner;
            job.leaseExpiresAt = now.plus(config.worker().leaseDuration());
            job.attempts++;
            job.startedAt = job.startedAt == null ? now : job.startedAt;
            job.updatedAt = now;
            return Optional.of(new ClaimedJob(job.jobId, owner, EventCodec.decode(job.sourceEvent,
                    CaptionsReady.class), job.versionName, job.attempts));
        });
    }

    /** Extends the lease; false when this worker no longer holds the job. */
    public boolean renew(UUID jobId, String owner) {
        return update(jobId, owner, job -> job.leaseExpiresAt = clock.instant().plus(config.worker().leaseDuration()));
    }

    public boolean cancelRequested(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> TrainingJob.<TrainingJob>findByIdOptional(jobId)
                .map(job -> job.cancelRequested).orElse(false));
    }

    /**
     * Names the run {@code name_vN_rank_ep} with N one above the pet's versions of that name so far, unless a
     * previous holder of the job already named it (a take-over continues that version).
     */
    public String assignVersion(UUID jobId, String owner, String name, int rank, int epochs) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TrainingJob job = TrainingJob.locked(jobId);
            if (!owner.equals(job.leaseOwner)) {
                throw new LeaseLostException(jobId);
            }
            if (job.versionName != null) {
                return job.versionName;
            }
            Pattern existing = Pattern.compile(Pattern.quote(name) + "_v(\\d+)_.*");
            int version = 1 + TrainingJob.<TrainingJob>list("tenantId = ?1 and petId = ?2 and versionName is not null",
                    job.tenantId, job.petId).stream().map(other -> existing.matcher(other.versionName))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
            job.versionName = new com.pawprint.training.output.VersionName(name, version, rank, epochs).toString();
            job.updatedAt = clock.instant();
            return job.versionName;
        });
    }

    public boolean recordStep(UUID jobId, String owner, long step, long totalSteps, int epoch, double loss) {
        return update(jobId, owner, job -> {
            job.step = step;
            job.totalSteps = totalSteps;
            job.epoch = epoch;
            job.loss = Double.isFinite(loss) ? loss : null;
        });
    }

    public boolean recordCheckpoint(UUID jobId, String owner, String checkpointKey) {
        return update(jobId, owner, job -> {
            List<String> keys = new ArrayList<>(checkpointKeys(job));
            if (!keys.contains(checkpointKey)) {
                keys.add(checkpointKey);
            }
            job.checkpointKeys = writeKeys(keys);
        });
    }

    /** Back to the queue (this worker stops: shutdown, or an error of its own); the next claim resumes. */
    public boolean release(UUID jobId, String owner) {
        return update(jobId, owner, job -> {
            job.status = JobState.QUEUED;
            job.leaseOwner = null;
            job.leaseExpiresAt = null;
        });
    }

    public boolean cancelled(UUID jobId, String owner) {
        return finish(jobId, owner, JobState.CANCELED, null);
    }

    public boolean failed(UUID jobId, String owner, String reason) {
        return finish(jobId, owner, JobState.FAILED, reason);
    }

    /** Marks the job done and queues lora.trained in the same transaction: the event leaves only with the commit. */
    public boolean completed(UUID jobId, String owner, LoraTrained trained) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TrainingJob job = TrainingJob.locked(jobId);
            if (job == null || !owner.equals(job.leaseOwner) || job.status != JobState.TRAINING) {
                return false;
            }
            job.loraKey = trained.loraKey();
            job.checkpointKeys = writeKeys(trained.checkpointKeys());
            finishFields(job, JobState.COMPLETED, null);
            outbox.enqueue(trained);
            return true;
        });
    }

    private boolean finish(UUID jobId, String owner, JobState state, String reason) {
        return update(jobId, owner, job -> finishFields(job, state, reason));
    }

    private void finishFields(TrainingJob job, JobState state, String reason) {
        Instant now = clock.instant();
        job.status = state;
        job.failureReason = reason;
        job.leaseOwner = null;
        job.leaseExpiresAt = null;
        job.finishedAt = now;
        job.updatedAt = now;
    }

    private boolean update(UUID jobId, String owner, Consumer<TrainingJob> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TrainingJob job = TrainingJob.locked(jobId);
            if (job == null || !owner.equals(job.leaseOwner) || job.status != JobState.TRAINING) {
                return false;
            }
            change.accept(job);
            job.updatedAt = clock.instant();
            return true;
        });
    }

    public static List<String> checkpointKeys(TrainingJob job) {
        try {
            return JSON.readValue(job.checkpointKeys, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint_keys of job " + job.jobId + " is not a JSON list", e);
        }
    }

    private static String writeKeys(List<String> keys) {
        try {
            return JSON.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
