package com.pawprint.render.service;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Stage;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.messaging.DeadLetters;
import com.pawprint.messaging.JobProgressReporter;
import com.pawprint.messaging.ReceivedRecord;
import com.pawprint.render.storage.JobState;
import com.pawprint.render.storage.PetLora;
import com.pawprint.render.storage.RenderJob;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.TaskState;
import com.pawprint.render.style.StyleCatalog;
import com.pawprint.render.style.StyleCatalog.ProductPreset;
import com.pawprint.storage.ForeignKeyException;
import com.pawprint.storage.InvalidKeyException;
import com.pawprint.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns lora.trained into an order's renders: the LoRA is recorded for on-demand use, and each product's presets
 * become a queued task. An event naming a LoRA outside its own pet's keys is dead-lettered and reported FAILED.
 */
@ApplicationScoped
public class RenderQueue {

    private static final Logger LOG = Logger.getLogger(RenderQueue.class);

    private final StyleCatalog styles;
    private final DeadLetters deadLetters;
    private final JobProgressReporter progress;
    private final Clock clock = Clock.systemUTC();

    public RenderQueue(StyleCatalog styles, DeadLetters deadLetters, JobProgressReporter progress) {
        this.styles = styles;
        this.deadLetters = deadLetters;
        this.progress = progress;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(LoraTrained event, ReceivedRecord received) {
        String tenant = event.metadata().tenantId();
        UUID petId = event.metadata().petId();
        String reason = unusable(event);
        if (reason != null) {
            deadLetters.publish(received, reason, Stage.RENDERING);
            progress.failed(event.metadata(), Stage.RENDERING, reason);
            return;
        }
        Instant now = clock.instant();
        record(event, now);
        RenderJob earlier = RenderJob.findById(event.metadata().jobId());
        if (earlier != null && earlier.isTombstone() && earlier.tenantId.equals(tenant)) {
            LOG.info("the order was cancelled before its LoRA arrived: nothing to render");
            return;
        }
        if (earlier != null) {
            // Another tenant's cancel of an unknown job id cannot block this tenant's order.
            earlier.delete();
            RenderJob.flush();
        }
        RenderJob job = new RenderJob();
        job.jobId = event.metadata().jobId();
        job.tenantId = tenant;
        job.petId = petId;
        job.loraVersion = event.versionName();
        job.sourceEvent = EventCodec.encode(event);
        job.status = JobState.RENDERING;
        job.createdAt = now;
        job.persist();
        List<ProductPreset> presets = styles.productPresets();
        for (ProductPreset preset : presets) {
            RenderTask task = new RenderTask();
            task.id = UUID.randomUUID();
            task.tenantId = tenant;
            task.petId = petId;
            task.jobId = job.jobId;
            task.product = preset.product();
            task.preset = preset.style();
            task.prompt = preset.preset().promptFor(event.pet().triggerToken(), event.pet().species().classWord())
                    + " " + LoraTags.tag(event.versionName(), preset.preset().loraStrength());
            task.negativePrompt = preset.preset().negativePrompt();
            task.sampler = SamplerKind.fromName(preset.preset().sampler()).id();
            task.steps = preset.preset().steps();
            task.cfgScale = preset.preset().cfgScale();
            task.width = preset.preset().width();
            task.height = preset.preset().height();
            task.seed = seedOf(job.jobId, preset.product(), preset.style());
            task.imageCount = preset.preset().variants();
            task.baseModel = event.baseModel();
            task.loraKey = event.loraKey();
            task.status = TaskState.QUEUED;
            task.results = "[]";
            task.createdAt = now;
            task.updatedAt = now;
            task.persist();
        }
        progress.statusChanged(event.metadata(), Stage.RENDERING, JobStatus.RENDERING,
                "queued " + presets.size() + " renders with " + event.versionName());
        LOG.infof("queued %d renders of %s", presets.size(), event.versionName());
    }

    /**
     * Why the event cannot be rendered from, null when it can: its LoRA must lie under its own pet's keys, and what
     * goes into prompts and columns must fit them (a trigger token cannot smuggle in a {@code <lora:...>} tag).
     */
    private static String unusable(LoraTrained event) {
        String prefix;
        try {
            prefix = ObjectKeys.pet(event.metadata().tenantId(), event.metadata().petId().toString())
                    .loraPrefix(event.versionName());
        } catch (InvalidKeyException e) {
            return "lora.trained names a tenant or version that cannot be a key: " + e.getMessage();
        }
        try {
            ObjectKeys.requireUnder(prefix, "lora.trained's LoRA", event.loraKey());
        } catch (ForeignKeyException e) {
            return e.getMessage();
        }
        if (!event.pet().triggerToken().matches("[\\p{L}\\p{N}_ -]{1,64}")) {
            return "lora.trained's trigger token '" + event.pet().triggerToken() + "' is not 1-64 letters, digits, "
                    + "spaces, '_' or '-'";
        }
        if (!event.baseModel().matches("[a-z0-9._-]{1,64}")) {
            return "lora.trained's base model '" + event.baseModel() + "' is not a model name";
        }
        return null;
    }

    private static void record(LoraTrained event, Instant now) {
        PetLora.Id id = new PetLora.Id(event.metadata().tenantId(), event.metadata().petId(), event.versionName());
        PetLora lora = PetLora.<PetLora>findByIdOptional(id).orElseGet(PetLora::new);
        lora.id = id;
        lora.loraKey = event.loraKey();
        lora.baseModel = event.baseModel();
        lora.triggerToken = event.pet().triggerToken();
        lora.classWord = event.pet().species().classWord();
        lora.rank = event.rank();
        lora.alpha = event.alpha();
        lora.createdAt = lora.createdAt == null ? now : lora.createdAt;
        lora.persist();
    }

    /** A seed of the job, product and preset: a redelivered event, or a re-run, renders the same images. */
    static long seedOf(UUID jobId, String product, String preset) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((jobId + "/" + product + "/" + preset).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt() & 0xFFFF_FFFFL;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
