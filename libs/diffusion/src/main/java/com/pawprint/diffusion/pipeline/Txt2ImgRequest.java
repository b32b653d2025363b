package com.pawprint.diffusion.pipeline;

import com.pawprint.diffusion.schedulers.SamplerKind;
import java.util.Objects;

/**
 * One text-to-image job. Build with {@link #builder(String)}; defaults are A1111's (512x512, 20 steps, CFG 7,
 * Euler a, clip skip 1, batch 1, seed 0).
 *
 * @param prompt         what to draw; may hold {@code <lora:name:weight>} tags (removed before tokenizing)
 * @param negativePrompt what to steer away from: the unconditional branch of classifier-free guidance
 * @param steps          sampler steps (UNet evaluations), at least 1
 * @param guidanceScale  classifier-free guidance; at most 1 skips the unconditional branch (one UNet call a step)
 * @param seed           image {@code i} of the batch uses {@code seed + i}, so any image can be reproduced alone
 * @param width          pixels, a positive multiple of 8
 * @param height         pixels, a positive multiple of 8
 * @param batchSize      images generated together, at least 1
 * @param sampler        the sampler, Karras variants included
 * @param clipSkip       1 uses CLIP's last layer; n uses the output n-1 layers earlier
 */
public record Txt2ImgRequest(String prompt, String negativePrompt, int steps, double guidanceScale, long seed,
        int width, int height, int batchSize, SamplerKind sampler, int clipSkip) {

    public Txt2ImgRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(negativePrompt, "negativePrompt");
        Objects.requireNonNull(sampler, "sampler");
        if (steps < 1 || steps > 1000) {
            throw new IllegalArgumentException("steps must lie in [1, 1000], got " + steps);
        }
        if (!(guidanceScale >= 0 && guidanceScale <= 50)) {
            throw new IllegalArgumentException("guidance scale must lie in [0, 50], got " + guidanceScale);
        }
        requireImageSide("width", width);
        requireImageSide("height", height);
        if (batchSize < 1 || batchSize > 64) {
            throw new IllegalArgumentException("batch size must lie in [1, 64], got " + batchSize);
        }
        if (clipSkip < 1) {
            throw new IllegalArgumentException("clip skip must be at least 1, got " + clipSkip);
        }
    }

    private static void requireImageSide(String name, int pixels) {
        if (pixels < 8 || pixels > 4096 || pixels % 8 != 0) {
            throw new IllegalArgumentException(name + " must be a multiple of 8 between 8 and 4096 pixels (the VAE "
                    + "maps 8x8 pixels to one latent), got " + pixels);
        }
    }

    /** Whether the unconditional branch runs (guidance above 1, as diffusers decides). */
    public boolean usesGuidance() {
        return guidanceScale > 1.0;
    }

    /** The seed of image {@code index} of the batch. */
    public long seedOf(int index) {
        return seed + index;
    }

    public static Builder builder(String prompt) {
        return new Builder(prompt);
    }

    /** A builder starting from this request. */
    public Builder toBuilder() {
        return new Builder(prompt).negativePrompt(negativePrompt).steps(steps).guidanceScale(guidanceScale)
                .seed(seed).size(width, height).batchSize(batchSize).sampler(sampler).clipSkip(clipSkip);
    }

    /** Mutable defaults for {@link Txt2ImgRequest}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String prompt;
        private String negativePrompt = "";
        private int steps = 20;
        private double guidanceScale = 7.0;
        private long seed;
        private int width = 512;
        private int height = 512;
        private int batchSize = 1;
        private SamplerKind sampler = SamplerKind.EULER_A;
        private int clipSkip = 1;

        private Builder(String prompt) {
            this.prompt = prompt;
        }

        public Builder prompt(String value) {
            prompt = value;
            return this;
        }

        public Builder negativePrompt(String value) {
            negativePrompt = value;
            return this;
        }

        public Builder steps(int value) {
            steps = value;
            return this;
        }

        public Builder guidanceScale(double value) {
            guidanceScale = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder size(int widthPixels, int heightPixels) {
            width = widthPixels;
            height = heightPixels;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder sampler(SamplerKind value) {
            sampler = value;
            return this;
        }

        public Builder clipSkip(int value) {
            clipSkip = value;
            return this;
        }

        public Txt2ImgRequest build() {
            return new Txt2ImgRequest(prompt, negativePrompt, steps, guidanceScale, seed, width, height, batchSize,
                    sampler, clipSkip);
        }
    }
}
