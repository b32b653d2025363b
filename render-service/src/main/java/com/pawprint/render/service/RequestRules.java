package com.pawprint.render.service;

import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.render.config.RenderConfig;
import com.pawprint.web.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules an on-demand render's parameters must keep, within the service's limits. {@link #problems} lists every
 * broken rule as a field error, so a request learns all its mistakes at once.
 */
final class RequestRules {

    /** The largest seed A1111 and the engine's noise take: an unsigned 32-bit integer. */
    static final long MAX_SEED = 0xFFFF_FFFFL;

    /**
     * LoRAs one prompt may name: below the LoRA cache's size, so rendering one prompt never evicts a network that
     * prompt is using.
     */
    static final int MAX_LORAS = 4;

    private RequestRules() {
    }

    static List<Problem.FieldError> problems(String prompt, String negativePrompt, String sampler, Integer steps,
                                             Double cfgScale, Integer width, Integer height, Long seed,
                                             Integer count, Double strength, RenderConfig.Limits limits) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (prompt == null || prompt.isBlank()) {
            errors.add(new Problem.FieldError("prompt", "prompt is required without a preset"));
        } else {
            text("prompt", prompt, limits, errors);
        }
        if (negativePrompt != null) {
            text("negativePrompt", negativePrompt, limits, errors);
        }
        if (sampler != null) {
            try {
                SamplerKind.fromName(sampler);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("sampler", e.getMessage()));
            }
        }
        range("steps", steps, 1, limits.maxSteps(), errors);
        if (cfgScale != null && !(cfgScale >= 1 && cfgScale <= limits.maxCfgScale())) {
            errors.add(new Problem.FieldError("cfgScale", "cfgScale must lie in [1, " + limits.maxCfgScale()
                    + "], got " + cfgScale));
        }
        side("width", width, limits, errors);
        side("height", height, limits, errors);
        if (seed != null && (seed < 0 || seed > MAX_SEED)) {
            errors.add(new Problem.FieldError("seed", "seed must lie in [0, " + MAX_SEED + "], got " + seed));
        }
        range("count", count, 1, limits.maxCount(), errors);
        if (strength != null && !(strength >= -2 && strength <= 2)) {
            errors.add(new Problem.FieldError("strength", "strength must lie in [-2, 2], got " + strength));
        }
        return errors;
    }

    private static void text(String field, String value, RenderConfig.Limits limits, List<Problem.FieldError> errors) {
        if (value.length() > limits.maxPromptLength()) {
            errors.add(new Problem.FieldError(field, field + " is longer than " + limits.maxPromptLength()
                    + " characters"));
        }
    }

    private static void range(String field, Integer value, int min, int max, List<Problem.FieldError> errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(new Problem.FieldError(field, field + " must lie in [" + min + ", " + max + "], got " + value));
        }
    }

    private static void side(String field, Integer pixels, RenderConfig.Limits limits,
                             List<Problem.FieldError> errors) {
        if (pixels != null && (pixels < 64 || pixels > limits.maxSide() || pixels % 8 != 0)) {
            errors.add(new Problem.FieldError(field, field + " must be a multiple of 8 in [64, " + limits.maxSide()
                    + "] pixels, got " + pixels));
        }
    }
}
