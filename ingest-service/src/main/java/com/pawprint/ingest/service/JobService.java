package com.pawprint.ingest.service;

import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import com.pawprint.ingest.storage.Job;
import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Owns the status of jobs: folds the stages' reports into it and lets clients cancel. */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    private final Outbox outbox;
    private final WebhookService webhooks;
    private final Clock clock;

    public JobService(Outbox outbox, WebhookService webhooks, Clock clock) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** The tenant's job, or 404 when it does not exist or belongs to another tenant. */
    public Job get(String tenantId, UUID jobId) {
        return Job.findOfTenant(tenantId, jobId).orElseThrow(() -> ProblemException.notFound("job", jobId));
    }

    public List<Job> listOfPet(UUID petId) {
        return Job.listOfPet(petId);
    }

    /**
     * Cancels an unfinished job and tells the stages on jobs.progress, so that later stages stop.
     *
     * @throws ProblemException 404 for an unknown or foreign job, 409 for a finished one
     */
    @Transactional
    public Job cancel(String tenantId, UUID jobId) {
        Job job = Job.<Job>findByIdOptional(jobId, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.tenantId.equals(tenantId))
                .orElseThrow(() -> ProblemException.notFound("job", jobId));
        if (job.status.isTerminal()) {
            throw ProblemException.conflict("job " + jobId + " is already " + job.status + " and cannot be canceled");
        }
        announceCancel(job, "canceled by the client");
        return job;
    }

    /** Cancels the job inside the caller's transaction; the job must be locked and unfinished. */
    @Transactional(Transactional.TxType.MANDATORY)
    void announceCancel(Job job, String message) {
        changeStatus(job, JobStatus.CANCELED, Stage.INGEST, null);
        EventMetadata metadata = new EventMetadata(EventMetadata.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                job.tenantId, job.petId, job.id, job.correlationId, clock.instant());
        outbox.enqueue(JobProgress.statusChange(metadata, Stage.INGEST, JobStatus.CANCELED, message));
    }

    /**
     * Folds one report of a stage into its job. Reports of unknown jobs, of finished jobs and illegal moves are
     * ignored (with a log line): a stage may report late, and a finished job never moves again.
     *
     * @return whether the job changed
     */
    @Transactional
    public boolean apply(JobProgress report) {
        EventMetadata metadata = report.metadata();
        Job job = Job.<Job>findByIdOptional(metadata.jobId(), LockModeType.PESSIMISTIC_WRITE).orElse(null);
        if (job == null || !job.tenantId.equals(metadata.tenantId())) {
            LOG.infof("ignoring %s report %s of unknown job %s", report.status(), metadata.eventId(),
                    metadata.jobId());
            return false;
        }
        if (job.status.isTerminal()) {
            LOG.infof("ignoring %s report %s: job %s is already %s", report.status(), metadata.eventId(), job.id,
                    job.status);
            return false;
        }
        if (report.status() == job.status) {
            setProgress(job, report);
            job.updatedAt = clock.instant();
            return true;
        }
        if (!job.status.canTransitionTo(report.status())) {
            LOG.warnf("ignoring illegal move of job %s from %s to %s (event %s from %s)", job.id, job.status,
                    report.status(), metadata.eventId(), report.stage());
            return false;
        }
        changeStatus(job, report.status(), report.stage(), report.failureReason());
        setProgress(job, report);
        return true;
    }

    private void changeStatus(Job job, JobStatus status, Stage stage, String failureReason) {
        LOG.infof("job %s moves from %s to %s", job.id, job.status, status);
        job.status = status;
        job.stage = stage;
        job.failureReason = failureReason;
        job.progressStep = null;
        job.progressTotal = null;
        job.progressPercent = null;
        job.etaSeconds = null;
        job.loss = null;
        job.updatedAt = clock.instant();
        webhooks.enqueueStatusChange(job);
    }

    private static void setProgress(Job job, JobProgress report) {
        job.progressStep = report.step();
        job.progressTotal = report.totalSteps();
        job.progressPercent = report.percent();
        job.etaSeconds = report.etaSeconds();
        job.loss = report.loss();
    }
}
