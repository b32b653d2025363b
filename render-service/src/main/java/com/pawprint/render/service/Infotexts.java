package com.pawprint.render.service;

import com.pawprint.diffusion.infotext.EngineVersion;
import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.models.LoadedBaseModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The A1111 {@code parameters} text of a rendered image, which PNG Info in the WebUI reads back. */
final class Infotexts {

    /** A1111's "Model hash": the first 10 hex digits of the checkpoint's sha256, which the registry holds. */
    private static final int MODEL_HASH_DIGITS = 10;

    private Infotexts() {
    }

    /** {@code request} as rendered, with the prompt as the task wrote it ({@code <lora:...>} tags included). */
    static GenerationParameters of(ClaimedTask task, Txt2ImgRequest request, long seed, LoadedBaseModel model,
                                   List<AppliedLoraFile> loras) {
        Map<String, String> hashes = new LinkedHashMap<>();
        loras.forEach(lora -> hashes.put(lora.name(), lora.lora().a1111Hash()));
        return GenerationParameters.of(request.toBuilder().prompt(task.prompt()).seed(seed).build(),
                model.entry().sha256().substring(0, MODEL_HASH_DIGITS), model.entry().name(), hashes,
                EngineVersion.infotext());
    }
}
