package com.pawprint.render.service;

import com.pawprint.diffusion.infotext.A1111Hashes;
import com.pawprint.diffusion.infotext.EngineVersion;
import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.models.LoadedBaseModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The A1111 {@code parameters} text of a rendered image, which PNG Info in the WebUI reads back. */
final class Infotexts {

    private Infotexts() {
    }

    /** {@code request} as rendered, with the prompt as the task wrote it ({@code <lora:...>} tags included). */
    static GenerationParameters of(ClaimedTask task, Txt2ImgRequest request, long seed, LoadedBaseModel model,
                                   List<AppliedLoraFile> loras) {
        Map<String, String> hashes = new LinkedHashMap<>();
        loras.forEach(lora -> hashes.put(lora.name(), lora.lora().a1111Hash()));
        return GenerationParameters.of(request.toBuilder().prompt(task.prompt()).seed(seed).build(),
                A1111Hashes.checkpointOf(model.entry().sha256()), model.entry().name(), hashes,
                EngineVersion.infotext());
    }
}
