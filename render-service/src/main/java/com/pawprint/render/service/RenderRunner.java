package com.pawprint.render.service;

import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.diffusion.lora.LoraFileException;
import com.pawprint.diffusion.lora.LoraPrompt;
import com.pawprint.diffusion.lora.LoraReference;
import com.pawprint.diffusion.lora.LoraUse;
import com.pawprint.diffusion.pipeline.CancellationToken;
import com.pawprint.diffusion.pipeline.GenerationCancelledException;
import com.pawprint.diffusion.pipeline.StepProgress;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.pipeline.Txt2ImgResult;
import com.pawprint.diffusion.safetensors.SafetensorsException;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.models.BaseModelUnavailableException;
import com.pawprint.models.BaseModels;
import com.pawprint.models.LoadedBaseModel;
import com.pawprint.render.config.RenderConfig;
import com.pawprint.render.storage.PetLora;
import com.pawprint.render.storage.RenderedImage;
import com.pawprint.tenancy.LogContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Renders a claimed group of tasks on this replica's model: each task's LoRAs come from the {@link LoraCache} and
 * are attached as side paths for that task's images only; images already finished by an earlier holder are not
 * rendered again. A heartbeat renews the leases and passes on a cancel requested elsewhere.
 */
@ApplicationScoped
public class RenderRunner {

    private static final Logger LOG = Logger.getLogger(RenderRunner.class);

    private final TaskLeases leases;
    private final BaseModels models;
    private final LoraCache loras;
    private final RenderOutputs outputs;
    private final ActiveRenders active;
    private final JobProgressPublisher progress;
    private final RenderConfig config;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "render-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public RenderRunner(TaskLeases leases, BaseModels models, LoraCache loras, RenderOutputs outputs,
                        ActiveRenders active, JobProgressPublisher progress, RenderConfig config) {
        this.leases = leases;
        this.models = models;
        this.loras = loras;
        this.outputs = outputs;
        this.active = active;
        this.progress = progress;
        this.config = config;
    }

    /** Claims and renders the next group; false when nothing was waiting. */
    public boolean runNext(String owner) {
        List<ClaimedTask> group = leases.claim(owner);
        if (group.isEmpty()) {
            return false;
        }
        List<UUID> ids = group.stream().map(ClaimedTask::id).toList();
        List<CancellationToken> tokens = group.stream().map(task -> active.start(task.id())).toList();
        long period = Math.max(100, config.worker().leaseDuration().toMillis() / 3);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(group, tokens, owner), period,
                period, TimeUnit.MILLISECONDS);
        try {
            for (int i = 0; i < group.size(); i++) {
                run(group.get(i), tokens.get(i));
            }
        } finally {
            heartbeat.cancel(false);
            ids.forEach(active::end);
        }
        return true;
    }

    private void run(ClaimedTask task, CancellationToken token) {
        try (LogContext.Scope ignored = LogContext.open(task.tenantId(),
                (task.jobId() != null ? task.jobId() : task.id()).toString())) {
            try {
                render(task, token);
                if (leases.succeeded(task.id(), task.owner())) {
                    LOG.infof("rendered task %s (%d images)", task.id(), task.imageCount());
                }
            } catch (GenerationCancelledException e) {
                leases.cancelled(task.id(), task.owner());
                LOG.infof("render task %s cancelled", task.id());
            } catch (LeaseLostException e) {
                LOG.warn(e.getMessage());
            } catch (RenderInputException | BaseModelUnavailableException | LoraFileException
                     | SafetensorsException | IllegalArgumentException e) {
                fail(task, e.getMessage());
            } catch (RuntimeException e) {
                // Not the request's fault (storage or database down, the device): retry, a few times.
                LOG.errorf(e, "render attempt %d of task %s failed", task.attempts(), task.id());
                if (task.attempts() >= config.worker().maxAttempts()) {
                    fail(task, "rendering failed " + task.attempts() + " times; the last error: " + e.getMessage());
                } else {
                    leases.release(task.id(), task.owner());
                }
            }
        }
    }

    private void fail(ClaimedTask task, String reason) {
        LOG.warnf("render task %s failed: %s", task.id(), reason);
        leases.failed(task.id(), task.owner(), reason);
    }

    private void render(ClaimedTask task, CancellationToken token) {
        LoadedBaseModel model = models.load(task.baseModel(), ComputeDevice.resolve(config.device()));
        LoraPrompt parsed = LoraPrompt.parse(task.prompt());
        List<LoraUse> uses = new ArrayList<>();
        List<AppliedLoraFile> applied = new ArrayList<>();
        for (LoraReference reference : parsed.loras()) {
            PetLora lora = QuarkusTransaction.requiringNew().call(() ->
                    PetLora.named(task.tenantId(), task.petId(), reference.name())).orElseThrow(() ->
                    new RenderInputException("the prompt names LoRA '" + reference.name()
                            + "', which this tenant has no version of"));
            if (!lora.baseModel.equals(task.baseModel())) {
                throw new RenderInputException("LoRA '" + reference.name() + "' was trained on " + lora.baseModel
                        + ", not on " + task.baseModel());
            }
            LoraCache.CachedLora cached = loras.get(lora.loraKey, model.model());
            uses.add(new LoraUse(cached.network(), reference.strength()));
            applied.add(new AppliedLoraFile(reference.name(), cached));
        }
        Txt2ImgRequest request = Txt2ImgRequest.builder(parsed.encoderPrompt()).negativePrompt(task.negativePrompt())
                .steps(task.steps()).guidanceScale(task.cfgScale()).size(task.width(), task.height())
                .sampler(SamplerKind.fromName(task.sampler())).build();
        Set<Integer> finished = task.finished().stream().map(RenderedImage::index).collect(Collectors.toSet());
        JobProgressPublisher.Tracker tracker = progress.tracker(task);
        for (int index = 0; index < task.imageCount(); index++) {
            if (finished.contains(index)) {
                continue;
            }
            // A cancel that came between the claim and this replica's token registration is seen here.
            if (token.isCancelled() || leases.cancelRequested(task.id())) {
                throw new GenerationCancelledException(0, task.steps());
            }
            long seed = task.seed() + index;
            int image = index;
            Txt2ImgResult result = model.model().generate(request.toBuilder().seed(seed).build(), uses,
                    step -> onStep(task, tracker, image, step), token);
            GenerationParameters parameters = Infotexts.of(task, request, seed, model, applied);
            RenderedImage stored = outputs.store(task, index, seed, result.images().get(0), parameters);
            if (!leases.recordImage(task.id(), task.owner(), stored)) {
                throw new LeaseLostException(task.id());
            }
            tracker.imageDone();
        }
    }

    private void onStep(ClaimedTask task, JobProgressPublisher.Tracker tracker, int image, StepProgress step) {
        long eta = step.eta().toSeconds();
        if (!leases.recordStep(task.id(), task.owner(), step.step(), eta)) {
            throw new LeaseLostException(task.id());
        }
        tracker.step(image, step);
    }

    private void beat(List<ClaimedTask> group, List<CancellationToken> tokens, String owner) {
        try {
            leases.renew(group.stream().map(ClaimedTask::id).toList(), owner);
            for (int i = 0; i < group.size(); i++) {
                if (leases.cancelRequested(group.get(i).id())) {
                    tokens.get(i).cancel();
                }
            }
        } catch (RuntimeException e) {
            // The next beat tries again; a lease that runs out meanwhile is taken over, which the renderer notices.
            LOG.warnf("render heartbeat failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }
}
