package com.pawprint.trainer.service;

import com.pawprint.trainer.storage.JobState;
import com.pawprint.trainer.storage.TrainingJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Cancels a job for its tenant. A queued job (or one whose trainer died) ends CANCELED at once. A running job is
 * flagged in its row, which the heartbeat of whichever replica trains it reads, and stopped right away when it
 * trains in this JVM; its worker then saves a checkpoint, marks it CANCELED and releases the lease.
 */
@ApplicationScoped
public class TrainingCancellations {

    private static final Logger LOG = Logger.getLogger(TrainingCancellations.class);

    private final ActiveRuns active;
    private final Clock clock = Clock.systemUTC();

    public TrainingCancellations(ActiveRuns active) {
        this.active = active;
    }

    /** @return whether the tenant's job was there and unfinished */
    public boolean cancel(UUID jobId, String tenantId) {
        Boolean running = QuarkusTransaction.requiringNew().call(() -> {
            TrainingJob job = TrainingJob.locked(jobId);
            if (job != null && !job.tenantId.equals(tenantId)) {
                return null;
            }
            if (job == null || job.status.isFinished()) {
                return null;
            }
            Instant now = clock.instant();
            job.cancelRequested = true;
            job.updatedAt = now;
            boolean leaseHeld = job.status == JobState.TRAINING && job.leaseExpiresAt != null
                    && job.leaseExpiresAt.isAfter(now);
            if (!leaseHeld) {
                job.status = JobState.CANCELED;
                job.leaseOwner = null;
                job.leaseExpiresAt = null;
                job.finishedAt = now;
            }
            return leaseHeld;
        });
        if (running == null) {
            return false;
        }
        if (running && active.stop(jobId, ActiveRuns.StopReason.CANCEL_REQUESTED)) {
            LOG.infof("stopping training of job %s: cancelled", jobId);
        }
        return true;
    }
}
