package com.pawprint.render.service;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Stage;
import com.pawprint.diffusion.pipeline.StepProgress;
import com.pawprint.messaging.JobProgressReporter;
import com.pawprint.render.storage.RenderJob;
import com.pawprint.render.storage.RenderTask;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * RENDERING progress of an order on jobs.progress, so ingest's job view shows it: the step across all of the order's
 * images, "image n of m" and the ETA. On-demand tasks have no order and report through their REST view only.
 */
@ApplicationScoped
public class JobProgressPublisher {

    private static final Logger LOG = Logger.getLogger(JobProgressPublisher.class);

    private final JobProgressReporter reporter;

    public JobProgressPublisher(JobProgressReporter reporter) {
        this.reporter = reporter;
    }

    /** Counts a task's steps into its order's progress. */
    public interface Tracker {
        void step(int image, StepProgress step);

        void imageDone();
    }

    private static final Tracker NONE = new Tracker() {
        @Override
        public void step(int image, StepProgress step) {
        }

        @Override
        public void imageDone() {
        }
    };

    public Tracker tracker(ClaimedTask task) {
        if (task.jobId() == null) {
            return NONE;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            RenderJob job = RenderJob.findById(task.jobId());
            if (job == null) {
                return NONE;
            }
            List<RenderTask> tasks = RenderTask.ofJob(task.jobId());
            long totalSteps = tasks.stream().mapToLong(t -> (long) t.imageCount * t.steps).sum();
            long doneSteps = tasks.stream().mapToLong(t -> (long) t.imagesDone * t.steps).sum();
            int totalImages = tasks.stream().mapToInt(t -> t.imageCount).sum();
            int doneImages = tasks.stream().mapToInt(t -> t.imagesDone).sum();
            Instant started = tasks.stream().map(t -> t.startedAt).filter(Objects::nonNull).min(Instant::compareTo)
                    .orElse(Instant.now());
            EventMetadata cause = EventCodec.decode(job.sourceEvent, LoraTrained.class).metadata();
            return new JobTracker(cause, task, totalSteps, doneSteps, totalImages, doneImages, started);
        });
    }

    private final class JobTracker implements Tracker {
        private final EventMetadata cause;
        private final ClaimedTask task;
        private final long totalSteps;
        private final int totalImages;
        private final Instant started;
        private long doneSteps;
        private int doneImages;

        JobTracker(EventMetadata cause, ClaimedTask task, long totalSteps, long doneSteps, int totalImages,
                   int doneImages, Instant started) {
            this.cause = cause;
            this.task = task;
            this.totalSteps = totalSteps;
            this.doneSteps = doneSteps;
            this.totalImages = totalImages;
            this.doneImages = doneImages;
            this.started = started;
        }

        @Override
        public void step(int image, StepProgress step) {
            try {
                reporter.progress(cause, Stage.RENDERING, JobStatus.RENDERING,
                        Math.min(totalSteps, doneSteps + step.step()), totalSteps, started, null,
                        "image " + (doneImages + 1) + " of " + totalImages + ": " + task.product() + " in "
                                + task.preset() + ", step " + step.step() + " of " + step.totalSteps());
            } catch (RuntimeException e) {
                // Progress is informative: a broker hiccup must not fail the render.
                LOG.warnf("cannot report render progress: %s", e.getMessage());
            }
        }

        @Override
        public void imageDone() {
            doneSteps += task.steps();
            doneImages++;
        }
    }
}
