package com.pawprint.diffusion.pipeline;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;

/**
 * What a text-to-image run produced.
 *
 * @param images  sRGB images ({@link BufferedImage#TYPE_INT_RGB}), one per batch entry
 * @param seeds   the seed each image can be reproduced from alone (batch size 1)
 * @param prompt  the prompt with {@code <lora:...>} tags removed and whitespace and commas tidied
 *                ({@link com.pawprint.diffusion.lora.LoraPrompt#prompt()}); the text encoder read it untidied
 * @param loras   the adapters applied, as {@code name:textEncoderStrength:unetStrength}
 * @param elapsed the wall time of the run
 */
public record Txt2ImgResult(List<BufferedImage> images, List<Long> seeds, String prompt, List<String> loras,
        Duration elapsed) {

    public Txt2ImgResult {
        images = List.copyOf(images);
        seeds = List.copyOf(seeds);
        loras = List.copyOf(loras);
    }
}
