package com.pawprint.render.service;

import com.pawprint.diffusion.lora.LoraPrompt;
import com.pawprint.diffusion.lora.LoraReference;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.render.config.RenderConfig;
import com.pawprint.render.rest.RenderRequest;
import com.pawprint.render.storage.PetLora;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.TaskState;
import com.pawprint.render.style.StyleCatalog;
import com.pawprint.render.style.StylePreset;
import com.pawprint.tenancy.TenantContext;
import com.pawprint.web.Problem;
import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Queues an on-demand render of one of the caller's pets. Everything is checked before anything is queued: the
 * preset, the LoRA versions the prompt names (the caller's own only), sizes, steps and CFG within the limits. A
 * pet the caller has no LoRA of is a 404, like another tenant's pet.
 */
@ApplicationScoped
public class OnDemandRenders {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final TenantContext tenant;
    private final StyleCatalog styles;
    private final RenderConfig config;
    private final Clock clock = Clock.systemUTC();

    public OnDemandRenders(TenantContext tenant, StyleCatalog styles, RenderConfig config) {
        this.tenant = tenant;
        this.styles = styles;
        this.config = config;
    }

    @Transactional
    public RenderTask submit(UUID petId, RenderRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("the request needs a JSON body");
        }
        String tenantId = tenant.tenantId();
        List<PetLora> petLoras = PetLora.ofPet(tenantId, petId);
        if (petLoras.isEmpty()) {
            throw ProblemException.notFound("pet", petId);
        }
        Optional<StylePreset> preset = Optional.empty();
        if (request.preset() != null) {
            preset = styles.style(request.preset());
            if (preset.isEmpty()) {
                throw ProblemException.unprocessableField("preset", "unknown preset '" + request.preset()
                        + "'; known: " + String.join(", ", styles.styles().keySet()));
            }
        }
        StylePreset style = preset.orElse(null);
        List<Problem.FieldError> errors = new ArrayList<>(RequestRules.problems(
                request.prompt() != null ? request.prompt() : style == null ? null : style.prompt(),
                request.negativePrompt(), request.sampler(), request.steps(), request.cfgScale(), request.width(),
                request.height(), request.seed(), request.count(), request.strength(), config.limits()));
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessableFields("the render request is invalid", errors);
        }
        PetLora lora = request.loraVersion() == null ? petLoras.get(0)
                : petLoras.stream().filter(own -> own.id.versionName().equals(request.loraVersion())).findFirst()
                .orElseThrow(() -> ProblemException.unprocessableField("loraVersion", "the pet has no LoRA '"
                        + request.loraVersion() + "'"));
        String template = request.prompt() != null ? request.prompt() : style.prompt();
        String prompt = StylePreset.fillIn(template, lora.triggerToken, lora.classWord);
        LoraPrompt tags = parseTags(prompt);
        if (tags.loras().stream().map(LoraReference::name).distinct().count() > RequestRules.MAX_LORAS) {
            throw ProblemException.unprocessableField("prompt", "the prompt names more than "
                    + RequestRules.MAX_LORAS + " LoRAs");
        }
        if (tags.loras().isEmpty()) {
            double strength = request.strength() != null ? request.strength()
                    : style != null ? style.loraStrength() : StylePreset.DEFAULT_LORA_STRENGTH;
            prompt = prompt + " " + LoraTags.tag(lora.id.versionName(), strength);
        } else {
            for (LoraReference reference : tags.loras()) {
                PetLora named = PetLora.named(tenantId, petId, reference.name()).orElseThrow(() ->
                        ProblemException.unprocessableField("prompt", "the prompt names LoRA '" + reference.name()
                                + "', which you have no version of"));
                if (!named.baseModel.equals(lora.baseModel)) {
                    throw ProblemException.unprocessableField("prompt", "LoRA '" + reference.name()
                            + "' was trained on " + named.baseModel + ", not on " + lora.baseModel);
                }
            }
        }
        Instant now = clock.instant();
        RenderTask task = new RenderTask();
        task.id = UUID.randomUUID();
        task.tenantId = tenantId;
        task.petId = petId;
        task.preset = request.preset();
        task.prompt = prompt;
        task.negativePrompt = request.negativePrompt() != null ? request.negativePrompt()
                : style != null ? style.negativePrompt() : "";
        task.sampler = SamplerKind.fromName(request.sampler() != null ? request.sampler()
                : style != null ? style.sampler() : StylePreset.DEFAULT_SAMPLER).id();
        task.steps = request.steps() != null ? request.steps() : style != null ? style.steps()
                : StylePreset.DEFAULT_STEPS;
        task.cfgScale = request.cfgScale() != null ? request.cfgScale() : style != null ? style.cfgScale()
                : StylePreset.DEFAULT_CFG_SCALE;
        task.width = request.width() != null ? request.width() : style != null ? style.width()
                : StylePreset.DEFAULT_SIDE;
        task.height = request.height() != null ? request.height() : style != null ? style.height()
                : StylePreset.DEFAULT_SIDE;
        if (task.width > config.limits().maxSide() || task.height > config.limits().maxSide()) {
            throw ProblemException.unprocessableField("preset", "the preset's size " + task.width + "x"
                    + task.height + " is above this service's limit of " + config.limits().maxSide());
        }
        task.seed = request.seed() != null ? request.seed() : SEEDS.nextLong() & RequestRules.MAX_SEED;
        task.imageCount = request.count() != null ? request.count() : style != null ? style.variants() : 1;
        task.baseModel = lora.baseModel;
        task.loraKey = parseTags(prompt).loras().stream().findFirst()
                .flatMap(first -> PetLora.named(tenantId, petId, first.name())).map(named -> named.loraKey)
                .orElse(null);
        task.status = TaskState.QUEUED;
        task.results = "[]";
        task.createdAt = now;
        task.updatedAt = now;
        task.persist();
        return task;
    }

    private static LoraPrompt parseTags(String prompt) {
        try {
            return LoraPrompt.parse(prompt);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessableField("prompt", e.getMessage());
        }
    }
}
