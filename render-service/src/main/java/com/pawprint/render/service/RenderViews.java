package com.pawprint.render.service;

import com.pawprint.render.rest.JobRendersView;
import com.pawprint.render.rest.LoraView;
import com.pawprint.render.rest.StyleView;
import com.pawprint.render.rest.TaskView;
import com.pawprint.render.storage.PetLora;
import com.pawprint.render.storage.RenderJob;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.RenderedImage;
import com.pawprint.render.storage.TaskState;
import com.pawprint.render.style.StyleCatalog;
import com.pawprint.render.style.StylePreset;
import com.pawprint.diffusion.infotext.A1111Samplers;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.storage.ObjectStore;
import com.pawprint.tenancy.TenantContext;
import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the REST API shows, for the current tenant only: another tenant's pet, task or job is a 404, like one that
 * does not exist. Images come with presigned downloads.
 */
@ApplicationScoped
public class RenderViews {

    private final TenantContext tenant;
    private final ObjectStore store;
    private final StyleCatalog styles;

    public RenderViews(TenantContext tenant, ObjectStore store, StyleCatalog styles) {
        this.tenant = tenant;
        this.store = store;
        this.styles = styles;
    }

    public List<StyleView> styles() {
        return styles.styles().entrySet().stream().map(entry -> style(entry.getKey(), entry.getValue())).toList();
    }

    public StyleView style(String id) {
        return styles.style(id).map(preset -> style(id, preset))
                .orElseThrow(() -> ProblemException.notFound("style", id));
    }

    private StyleView style(String id, StylePreset preset) {
        return new StyleView(id, preset.description(), preset.prompt(), preset.negativePrompt(),
                A1111Samplers.displayName(SamplerKind.fromName(preset.sampler())), preset.steps(), preset.cfgScale(),
                preset.loraStrength(), preset.width(), preset.height(), preset.variants(), styles.productsOf(id));
    }

    @Transactional
    public TaskView task(UUID taskId) {
        return view(owned(taskId));
    }

    @Transactional
    public List<TaskView> petTasks(UUID petId) {
        List<RenderTask> tasks = RenderTask.list(
                "tenantId = ?1 and petId = ?2 and jobId is null order by createdAt desc", tenant.tenantId(), petId);
        if (tasks.isEmpty() && PetLora.ofPet(tenant.tenantId(), petId).isEmpty()) {
            throw ProblemException.notFound("pet", petId);
        }
        return tasks.stream().map(this::view).toList();
    }

    @Transactional
    public List<LoraView> loras(UUID petId) {
        List<PetLora> loras = PetLora.ofPet(tenant.tenantId(), petId);
        if (loras.isEmpty()) {
            throw ProblemException.notFound("pet", petId);
        }
        return loras.stream().map(lora -> new LoraView(lora.id.versionName(), lora.baseModel, lora.rank, lora.alpha,
                lora.createdAt)).toList();
    }

    @Transactional
    public JobRendersView job(UUID jobId) {
        RenderJob job = tenant.requireOwned(RenderJob.<RenderJob>findById(jobId), owned -> owned.tenantId, "job",
                jobId);
        return new JobRendersView(job.jobId, job.petId, job.loraVersion, job.status.name().toLowerCase(Locale.ROOT),
                job.failureReason, RenderTask.ofJob(jobId).stream().map(this::view).toList());
    }

    @Transactional
    RenderTask owned(UUID taskId) {
        return tenant.requireOwned(RenderTask.<RenderTask>findById(taskId), owned -> owned.tenantId, "render",
                taskId);
    }

    public TaskView view(RenderTask task) {
        List<TaskView.ImageView> images = TaskResults.read(task).stream()
                .sorted(Comparator.comparingInt(RenderedImage::index))
                .map(image -> new TaskView.ImageView(image.index(), image.seed(), image.key(),
                        store.presignedGet(image.key()).toString(), image.previewKey(),
                        store.presignedGet(image.previewKey()).toString()))
                .toList();
        TaskView.Progress progress = null;
        if (task.status == TaskState.RUNNING || task.status == TaskState.QUEUED) {
            int step = task.step == null ? 0 : task.step;
            double done = task.imagesDone + (double) step / task.steps;
            progress = new TaskView.Progress(Math.min(task.imageCount, task.imagesDone + 1), task.imageCount,
                    task.step, task.steps, Math.round(1000.0 * done / task.imageCount) / 10.0, task.etaSeconds);
        }
        return new TaskView(task.id, task.petId, task.jobId, task.product, task.preset,
                task.status.name().toLowerCase(Locale.ROOT), task.prompt, task.negativePrompt,
                A1111Samplers.displayName(SamplerKind.fromName(task.sampler)), task.steps, task.cfgScale, task.width,
                task.height, task.seed, task.imageCount, task.baseModel, progress, images, task.failureReason,
                task.createdAt, task.startedAt, task.finishedAt);
    }
}
