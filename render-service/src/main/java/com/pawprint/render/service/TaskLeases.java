package com.pawprint.render.service;

import com.pawprint.render.config.RenderConfig;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.RenderedImage;
import com.pawprint.render.storage.TaskState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The task table as renderers use it, each call in a transaction of its own. A renderer claims tasks by lease;
 * every later change is made only while it still holds the lease, so a renderer whose lease ran out (another took
 * the task over) can never overwrite the new holder's progress or outcome.
 */
@ApplicationScoped
public class TaskLeases {

    /*
     * The tenant served longest ago goes first (fair across tenants), then the oldest task. SKIP LOCKED: concurrent
     * renderers each get a different task. An expired RUNNING lease belongs to a renderer that stopped heartbeating.
     */
    private static final String FAIREST = "SELECT t.id FROM {h-schema}render_tasks t "
            + "LEFT JOIN {h-schema}tenant_turns r ON r.tenant_id = t.tenant_id "
            + "WHERE (t.status = 'QUEUED' OR (t.status = 'RUNNING' AND t.lease_expires_at < :now)) "
            + "AND NOT t.cancel_requested ORDER BY r.last_served_at NULLS FIRST, t.created_at, t.id "
            + "LIMIT 1 FOR UPDATE OF t SKIP LOCKED";

    /** More claimable tasks of the same LoRA: rendered next, with the LoRA attached once. */
    private static final String SAME_LORA = "SELECT id FROM {h-schema}render_tasks "
            + "WHERE (status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < :now)) AND NOT cancel_requested "
            + "AND tenant_id = :tenant AND lora_key = :lora AND base_model = :model AND id <> :first "
            + "ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED";

    private static final String TURN = "INSERT INTO {h-schema}tenant_turns (tenant_id, last_served_at) "
            + "VALUES (:tenant, :now) ON CONFLICT (tenant_id) DO UPDATE SET last_served_at = EXCLUDED.last_served_at";

    private static final String CANCELLED_ORPHANS = "SELECT id FROM {h-schema}render_tasks "
            + "WHERE status = 'RUNNING' AND cancel_requested AND lease_expires_at < :now "
            + "ORDER BY id FOR UPDATE SKIP LOCKED";

    /* Tasks whose renderers stopped heartbeating max-attempts times (a crash, an out-of-memory kill, a hang). */
    private static final String EXHAUSTED = "SELECT id FROM {h-schema}render_tasks "
            + "WHERE status = 'RUNNING' AND lease_expires_at < :now AND attempts >= :attempts "
            + "ORDER BY id FOR UPDATE SKIP LOCKED";

    private final EntityManager entityManager;
    private final RenderConfig config;
    private final JobCompletion completion;
    private final Clock clock = Clock.systemUTC();

    public TaskLeases(EntityManager entityManager, RenderConfig config, JobCompletion completion) {
        this.entityManager = entityManager;
        this.config = config;
        this.completion = completion;
    }

    /** The fairest claimable task and up to {@code groupSize - 1} more of its LoRA; empty when nothing waits. */
    public List<ClaimedTask> claim(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            endCancelledOrphans(now);
            failExhausted(now);
            List<UUID> first = ids(entityManager.createNativeQuery(FAIREST, UUID.class).setParameter("now", now)
                    .getResultList());
            if (first.isEmpty()) {
                return List.<ClaimedTask>of();
            }
            RenderTask head = RenderTask.findById(first.get(0));
            List<RenderTask> group = new ArrayList<>(List.of(head));
            if (head.loraKey != null && config.worker().groupSize() > 1) {
                for (UUID id : ids(entityManager.createNativeQuery(SAME_LORA, UUID.class).setParameter("now", now)
                        .setParameter("tenant", head.tenantId).setParameter("lora", head.loraKey)
                        .setParameter("model", head.baseModel).setParameter("first", head.id)
                        .setParameter("limit", config.worker().groupSize() - 1).getResultList())) {
                    group.add(RenderTask.findById(id));
                }
            }
            entityManager.createNativeQuery(TURN).setParameter("tenant", head.tenantId).setParameter("now", now)
                    .executeUpdate();
            List<ClaimedTask> claimed = new ArrayList<>();
            for (RenderTask task : group) {
                task.status = TaskState.RUNNING;
                task.leaseOwner = owner;
                task.leaseExpiresAt = now.plus(config.worker().leaseDuration());
                task.attempts++;
                task.startedAt = task.startedAt == null ? now : task.startedAt;
                task.updatedAt = now;
                claimed.add(ClaimedTask.of(task, owner));
            }
            return claimed;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> ids(List<?> rows) {
        return (List<UUID>) rows;
    }

    /* A cancelled task whose renderer died before stopping it would otherwise stay RUNNING: end it here. */
    private void endCancelledOrphans(Instant now) {
        for (UUID id : ids(entityManager.createNativeQuery(CANCELLED_ORPHANS, UUID.class).setParameter("now", now)
                .getResultList())) {
            RenderTask task = RenderTask.findById(id);
            finishFields(task, TaskState.CANCELED, null, now);
            completion.taskFinished(task);
        }
    }

    private void failExhausted(Instant now) {
        int attempts = config.worker().maxAttempts();
        for (UUID id : ids(entityManager.createNativeQuery(EXHAUSTED, UUID.class).setParameter("now", now)
                .setParameter("attempts", attempts).getResultList())) {
            RenderTask task = RenderTask.findById(id);
            finishFields(task, TaskState.FAILED, "the renderer stopped " + attempts
                    + " times while rendering this task", now);
            completion.taskFinished(task);
        }
    }

    /** Extends the lease of every task of the group this worker still holds. */
    public void renew(List<UUID> ids, String owner) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant expiry = clock.instant().plus(config.worker().leaseDuration());
            for (UUID id : ids.stream().sorted().toList()) {
                RenderTask task = RenderTask.locked(id);
                if (task != null && owner.equals(task.leaseOwner) && task.status == TaskState.RUNNING) {
                    task.leaseExpiresAt = expiry;
                }
            }
        });
    }

    public boolean cancelRequested(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> RenderTask.<RenderTask>findByIdOptional(id)
                .map(task -> task.cancelRequested).orElse(false));
    }

    public boolean recordStep(UUID id, String owner, int step, Long etaSeconds) {
        return update(id, owner, task -> {
            task.step = step;
            task.etaSeconds = etaSeconds;
        });
    }

    /** Adds a finished image; a take-over starts after the images already recorded. */
    public boolean recordImage(UUID id, String owner, RenderedImage image) {
        return update(id, owner, task -> {
            List<RenderedImage> images = new ArrayList<>(TaskResults.read(task));
            images.removeIf(existing -> existing.index() == image.index());
            images.add(image);
            task.results = TaskResults.write(images);
            task.imagesDone = images.size();
            task.step = null;
        });
    }

    /**
     * Back to the queue (an error of this worker's own); the next claim goes on from there. A task whose cancel
     * arrived meanwhile ends CANCELED instead: nothing would ever claim it again.
     */
    public boolean release(UUID id, String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RenderTask task = RenderTask.locked(id);
            if (task == null || !owner.equals(task.leaseOwner) || task.status != TaskState.RUNNING) {
                return false;
            }
            if (task.cancelRequested) {
                finishFields(task, TaskState.CANCELED, null, clock.instant());
                completion.taskFinished(task);
                return true;
            }
            task.status = TaskState.QUEUED;
            task.leaseOwner = null;
            task.leaseExpiresAt = null;
            task.updatedAt = clock.instant();
            return true;
        });
    }

    public boolean succeeded(UUID id, String owner) {
        return finish(id, owner, TaskState.SUCCEEDED, null);
    }

    public boolean failed(UUID id, String owner, String reason) {
        return finish(id, owner, TaskState.FAILED, reason);
    }

    public boolean cancelled(UUID id, String owner) {
        return finish(id, owner, TaskState.CANCELED, null);
    }

    /* The task's end and, when it was its order's last, the order's outcome commit together. */
    private boolean finish(UUID id, String owner, TaskState state, String reason) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RenderTask task = RenderTask.locked(id);
            if (task == null || !owner.equals(task.leaseOwner) || task.status != TaskState.RUNNING) {
                return false;
            }
            finishFields(task, state, reason, clock.instant());
            completion.taskFinished(task);
            return true;
        });
    }

    private static void finishFields(RenderTask task, TaskState state, String reason, Instant now) {
        task.status = state;
        task.failureReason = reason;
        task.leaseOwner = null;
        task.leaseExpiresAt = null;
        task.step = null;
        task.etaSeconds = null;
        task.finishedAt = now;
        task.updatedAt = now;
    }

    private boolean update(UUID id, String owner, Consumer<RenderTask> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RenderTask task = RenderTask.locked(id);
            if (task == null || !owner.equals(task.leaseOwner) || task.status != TaskState.RUNNING) {
                return false;
            }
            change.accept(task);
            task.updatedAt = clock.instant();
            return true;
        });
    }
}
