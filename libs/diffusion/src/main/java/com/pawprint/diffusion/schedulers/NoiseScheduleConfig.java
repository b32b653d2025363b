package com.pawprint.diffusion.schedulers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The training noise schedule, as in a diffusers {@code scheduler/scheduler_config.json}.
 *
 * @param trainTimesteps  {@code num_train_timesteps}; SD 1.5: 1000
 * @param betaStart       {@code beta_start}; SD 1.5: 0.00085
 * @param betaEnd         {@code beta_end}; SD 1.5: 0.012
 * @param betaSchedule    {@code beta_schedule}; SD 1.5: scaled_linear
 * @param predictionType  {@code prediction_type}; SD 1.5: epsilon
 * @param stepsOffset     {@code steps_offset}, added to "leading" timesteps (DDIM); SD 1.5: 1
 * @param setAlphaToOne   {@code set_alpha_to_one}: DDIM's alpha_bar after the last step is 1 instead of
 *                        alpha_bar[0]; SD 1.5: false
 */
public record NoiseScheduleConfig(int trainTimesteps, double betaStart, double betaEnd, BetaSchedule betaSchedule,
                                  PredictionType predictionType, int stepsOffset, boolean setAlphaToOne) {

    public NoiseScheduleConfig {
        if (trainTimesteps < 2) {
            throw new IllegalArgumentException("num_train_timesteps must be at least 2, got " + trainTimesteps);
        }
        if (!(betaStart > 0 && betaStart <= betaEnd && betaEnd < 1)) {
            throw new IllegalArgumentException("need 0 < beta_start <= beta_end < 1, got " + betaStart + ", " + betaEnd);
        }
        if (stepsOffset < 0) {
            throw new IllegalArgumentException("steps_offset must not be negative, got " + stepsOffset);
        }
    }

    /** runwayml/stable-diffusion-v1-5's scheduler_config.json. */
    public static NoiseScheduleConfig sd15() {
        return new NoiseScheduleConfig(1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR, PredictionType.EPSILON, 1,
                false);
    }

    /** Reads a diffusers scheduler_config.json; keys it lacks take the SD 1.5 values. */
    public static NoiseScheduleConfig fromSchedulerConfig(Path json) {
        try {
            return fromSchedulerConfig(new ObjectMapper().readTree(json.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scheduler config " + json, e);
        }
    }

    public static NoiseScheduleConfig fromSchedulerConfig(JsonNode config) {
        NoiseScheduleConfig defaults = sd15();
        if (config.hasNonNull("trained_betas")) {
            throw new IllegalArgumentException("scheduler configs with trained_betas are not supported");
        }
        String schedule = config.path("beta_schedule").asText("scaled_linear");
        String prediction = config.path("prediction_type").asText("epsilon");
        return new NoiseScheduleConfig(
                config.path("num_train_timesteps").asInt(defaults.trainTimesteps()),
                config.path("beta_start").asDouble(defaults.betaStart()),
                config.path("beta_end").asDouble(defaults.betaEnd()),
                parse(BetaSchedule.class, schedule, "beta_schedule"),
                parse(PredictionType.class, prediction, "prediction_type"),
                config.path("steps_offset").asInt(defaults.stepsOffset()),
                config.path("set_alpha_to_one").asBoolean(defaults.setAlphaToOne()));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String key) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not supported; supported: "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT), e);
        }
    }
}
