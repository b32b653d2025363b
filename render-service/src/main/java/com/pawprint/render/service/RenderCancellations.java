package com.pawprint.render.service;

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

    /** Cancels an order's renders when {@code tenantId} owns the order; false when it does not (or is unknown). */
    public boolean cancelJob(UUID jobId, String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Tasks before the job, the order every finishing task locks in too (TaskLeases, JobCompletion).
            List<RenderTask> tasks = RenderTask.lockedOfJob(jobId);
            RenderJob job = RenderJob.locked(jobId);
            if (job == null || !job.tenantId.equals(tenantId)) {
                return false;
            }
            Instant now = clock.instant();
            if (job.status == JobState.RENDERING) {
                job.status = JobState.CANCELED;
                job.finishedAt = now;
            }
            for (RenderTask task : tasks) {
                cancel(task, now);
                active.cancel(task.id);
            }
            return true;
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
