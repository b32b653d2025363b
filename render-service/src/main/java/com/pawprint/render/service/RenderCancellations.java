package com.pawprint.render.service;

import com.pawprint.contracts.EventMetadata;
import com.pawprint.render.storage.JobState;
import com.pawprint.render.storage.RenderJob;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.TaskState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Cancels renders: a queued task ends CANCELED at once, a running one stops within a sampler step (here, or on the
 * replica rendering it, through its heartbeat) and keeps the images it finished. A cancelled order's renders all
 * stop, and it publishes no renders.done.
 */
@ApplicationScoped
public class RenderCancellations {

    private final ActiveRenders active;
    private final JobCompletion completion;
    private final Clock clock = Clock.systemUTC();

    public RenderCancellations(ActiveRenders active, JobCompletion completion) {
        this.active = active;
        this.completion = completion;
    }

    /** Cancels the task; a finished task stays as it is. Call with the task's ownership checked. */
    public void cancelTask(UUID taskId) {
        QuarkusTransaction.requiringNew().run(() -> cancel(RenderTask.locked(taskId), clock.instant()));
        active.cancel(taskId);
    }

    /**
     * Cancels the order {@code report} names when the report's tenant owns it. An order not seen yet (its
     * lora.trained still on the way) is remembered as cancelled, so its renders are never queued.
     */
    public void cancelJob(EventMetadata report) {
        QuarkusTransaction.requiringNew().run(() -> {
            // Tasks before the job, the order every finishing task locks in too (TaskLeases, JobCompletion).
            List<RenderTask> tasks = RenderTask.lockedOfJob(report.jobId());
            RenderJob job = RenderJob.locked(report.jobId());
            Instant now = clock.instant();
            if (job == null) {
                RenderJob.cancelledBeforeArrival(report, now).persist();
                return;
            }
            if (!job.tenantId.equals(report.tenantId())) {
                return;
            }
            if (job.status == JobState.RENDERING) {
                job.status = JobState.CANCELED;
                job.finishedAt = now;
            }
            for (RenderTask task : tasks) {
                cancel(task, now);
                active.cancel(task.id);
            }
        });
    }

    private void cancel(RenderTask task, Instant now) {
        if (task == null || task.status.isFinal()) {
            return;
        }
        task.cancelRequested = true;
        task.updatedAt = now;
        if (task.status == TaskState.QUEUED) {
            task.status = TaskState.CANCELED;
            task.finishedAt = now;
            completion.taskFinished(task);
        }
    }
}
