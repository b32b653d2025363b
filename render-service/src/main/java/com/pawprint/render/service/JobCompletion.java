package com.pawprint.render.service;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Render;
import com.pawprint.contracts.RendersDone;
import com.pawprint.contracts.Stage;
import com.pawprint.diffusion.lora.LoraPrompt;
import com.pawprint.diffusion.lora.LoraReference;
import com.pawprint.diffusion.infotext.A1111Samplers;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.messaging.outbox.Outbox;
import com.pawprint.render.storage.JobState;
import com.pawprint.render.storage.RenderJob;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.RenderedImage;
import com.pawprint.render.storage.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Ends an order's rendering once its last task has finished: renders.done lists every image of the tasks that
 * succeeded (a failed preset does not hold the others back); when none succeeded the job fails with the tasks'
 * reasons. Either leaves through the outbox with the commit that finished the last task.
 */
@ApplicationScoped
public class JobCompletion {

    private static final Logger LOG = Logger.getLogger(JobCompletion.class);

    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public JobCompletion(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void taskFinished(RenderTask finished) {
        if (finished.jobId == null) {
            return;
        }
        RenderJob job = RenderJob.locked(finished.jobId);
        if (job == null || job.status != JobState.RENDERING) {
            return;
        }
        List<RenderTask> tasks = RenderTask.ofJob(job.jobId);
        if (!tasks.stream().allMatch(task -> task.status.isFinal())) {
            return;
        }
        LoraTrained cause = EventCodec.decode(job.sourceEvent, LoraTrained.class);
        List<Render> renders = new ArrayList<>();
        for (RenderTask task : tasks) {
            if (task.status == TaskState.SUCCEEDED) {
                TaskResults.read(task).stream().sorted(Comparator.comparingInt(RenderedImage::index))
                        .map(image -> render(task, image)).forEach(renders::add);
            }
        }
        job.finishedAt = clock.instant();
        if (renders.isEmpty()) {
            String reason = "no render succeeded: " + tasks.stream()
                    .map(task -> task.product + "/" + task.preset + ": " + (task.failureReason == null
                            ? task.status.name().toLowerCase() : task.failureReason))
                    .collect(Collectors.joining("; "));
            job.status = JobState.FAILED;
            job.failureReason = reason;
            outbox.enqueue(JobProgress.failure(cause.metadata().next(clock), Stage.RENDERING, reason));
            LOG.warnf("rendering failed: %s", reason);
            return;
        }
        job.status = JobState.DONE;
        outbox.enqueue(new RendersDone(cause.metadata().next(clock), cause.pet(), job.loraVersion, renders));
        LOG.infof("rendered %d images for %d products", renders.size(),
                tasks.stream().map(task -> task.product).distinct().count());
    }

    private static Render render(RenderTask task, RenderedImage image) {
        Double strength = LoraPrompt.parse(task.prompt).loras().stream().findFirst()
                .map(LoraReference::strength).map(s -> s.unet()).orElse(null);
        return new Render(renderId(task.id, image.index()), image.key(), task.preset, task.prompt,
                task.negativePrompt, image.seed(), task.width, task.height, task.product, image.previewKey(),
                task.steps, A1111Samplers.displayName(SamplerKind.fromName(task.sampler)), task.cfgScale, strength);
    }

    /** Stable per task and image, so a redelivered renders.done names the same renders. */
    static UUID renderId(UUID taskId, int index) {
        return UUID.nameUUIDFromBytes((taskId + "/" + index).getBytes(StandardCharsets.UTF_8));
    }
}
