package com.pawprint.messaging;

import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Publishes {@link JobProgress} events on {@code jobs.progress} for the job of the event being handled; each report
 * continues that event's chain (same correlation id, new event id). Each call returns once the broker has the report
 * (see {@link KafkaSender}).
 */
@ApplicationScoped
public class JobProgressReporter {

    private final KafkaSender sender;
    private final OutgoingEvents outgoingEvents;
    private final Clock clock;

    @Inject
    public JobProgressReporter(KafkaSender sender, OutgoingEvents outgoingEvents) {
        this(sender, outgoingEvents, Clock.systemUTC());
    }

    JobProgressReporter(KafkaSender sender, OutgoingEvents outgoingEvents, Clock clock) {
        this.sender = sender;
        this.outgoingEvents = outgoingEvents;
        this.clock = clock;
    }

    /** The job entered {@code status} (for example TRAINING when the trainer starts). */
    public JobProgress statusChanged(EventMetadata cause, Stage stage, JobStatus status, String message) {
        return publish(JobProgress.statusChange(cause.next(clock), stage, status, message));
    }

    /**
     * Progress within a status: step {@code step} of {@code totalSteps}, with the percentage and, when
     * {@code startedAt} is given, an ETA extrapolated from the time the steps so far took.
     */
    public JobProgress progress(EventMetadata cause, Stage stage, JobStatus status, long step, long totalSteps,
                                Instant startedAt, Double loss, String message) {
        if (totalSteps <= 0 || step < 0 || step > totalSteps) {
            throw new IllegalArgumentException("step must be between 0 and totalSteps (" + totalSteps + "), got "
                    + step);
        }
        EventMetadata metadata = cause.next(clock);
        double percent = 100.0 * step / totalSteps;
        return publish(new JobProgress(metadata, stage, status, step, totalSteps, percent,
                eta(startedAt, metadata.occurredAt(), step, totalSteps), loss, message, null));
    }

    /** The stage failed; the job ends in FAILED with the reason. */
    public JobProgress failed(EventMetadata cause, Stage stage, String reason) {
        return publish(JobProgress.failure(cause.next(clock), stage, reason));
    }

    public JobProgress publish(JobProgress progress) {
        sender.send(outgoingEvents.record(progress));
        return progress;
    }

    private static Long eta(Instant startedAt, Instant now, long step, long totalSteps) {
        if (startedAt == null || step == 0) {
            return null;
        }
        Duration elapsed = Duration.between(startedAt, now);
        if (elapsed.isNegative()) {
            return null;
        }
        return Math.round(elapsed.toMillis() / 1000.0 * (totalSteps - step) / step);
    }
}
