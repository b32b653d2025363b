package com.pawprint.training.schedule;

import com.pawprint.contracts.LrScheduler;

/**
 * The learning-rate multiplier at each optimizer step, as diffusers' {@code get_scheduler} computes it for kohya
 * (a LambdaLR stepped once per optimizer step, so step 0 is the first update). Warm-up rises linearly from 0; cosine
 * is half a cosine wave; cosine with restarts repeats it {@code cycles} times; polynomial decays to {@code 1e-7} of
 * the base rate with {@code power}.
 */
public record LearningRateSchedule(LrScheduler kind, long totalSteps, long warmupSteps, int cycles, double power) {

    /** diffusers' default lr_end for the polynomial schedule. */
    public static final double POLYNOMIAL_END = 1e-7;

    public LearningRateSchedule {
        if (totalSteps < 1 || warmupSteps < 0 || cycles < 1 || !(power > 0)) {
            throw new IllegalArgumentException("schedule needs total steps >= 1, warm-up >= 0, cycles >= 1 and "
                    + "power > 0, got " + totalSteps + ", " + warmupSteps + ", " + cycles + ", " + power);
        }
    }

    /** The rate at {@code step} (0-based optimizer step) for base rate {@code baseRate}. */
    public double rate(double baseRate, long step) {
        if (kind == LrScheduler.POLYNOMIAL) {
            return polynomial(baseRate, step);
        }
        return baseRate * factor(step);
    }

    private double factor(long step) {
        if (kind == LrScheduler.CONSTANT) {
            return 1;
        }
        if (step < warmupSteps) {
            return (double) step / Math.max(1, warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return switch (kind) {
            case CONSTANT, CONSTANT_WITH_WARMUP -> 1;
            case LINEAR -> Math.max(0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
            case COSINE -> Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
            case COSINE_WITH_RESTARTS -> progress >= 1 ? 0
                    : Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((cycles * progress) % 1.0))));
            case POLYNOMIAL -> throw new IllegalStateException("handled by polynomial()");
        };
    }

    private double polynomial(double baseRate, long step) {
        if (step < warmupSteps) {
            return baseRate * step / Math.max(1, warmupSteps);
        }
        if (step > totalSteps) {
            return POLYNOMIAL_END;
        }
        double remaining = 1 - (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return (baseRate - POLYNOMIAL_END) * Math.pow(remaining, power) + POLYNOMIAL_END;
    }
}
