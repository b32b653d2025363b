package com.pawprint.render.service;

import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.models.LoadedBaseModel;

import java.util.List;
import java.util.stream.Collectors;

/** The A1111 {@code parameters} text of a rendered image, which PNG Info in the WebUI reads back. */
final class Infotexts {

    private Infotexts() {
    }

    static String of(ClaimedTask task, Txt2ImgRequest request, long seed, LoadedBaseModel model,
                     List<AppliedLoraFile> loras) {
        String hashes = loras.stream().map(lora -> lora.name() + ": " + lora.lora().sha256().substring(0, 12))
                .collect(Collectors.joining(", "));
        return task.prompt() + "\nNegative prompt: " + task.negativePrompt() + "\nSteps: " + request.steps()
                + ", Sampler: " + SamplerNames.a1111(request.sampler()) + ", CFG scale: " + request.guidanceScale()
                + ", Seed: " + seed + ", Size: " + request.width() + "x" + request.height() + ", Model hash: "
                + model.entry().sha256().substring(0, 10) + ", Model: " + model.entry().name()
                + (hashes.isEmpty() ? "" : ", Lora hashes: \"" + hashes + "\"");
    }
}
