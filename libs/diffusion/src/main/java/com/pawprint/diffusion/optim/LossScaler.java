package com.pawprint.diffusion.optim;

/**
 * Dynamic loss scaling for half-precision training, with {@code torch.amp.GradScaler}'s policy: the loss is
 * multiplied by {@link #scale} before backward so small fp16 gradients do not flush to zero; a step whose gradients
 * overflow is skipped and the scale halved; after {@code growthInterval} good steps in a row the scale doubles.
 * {@link #disabled} keeps the scale at 1 for fp32 training, where a non-finite gradient is a real failure.
 */
public final class LossScaler {

    /** GradScaler's defaults: initial scale 2^16, growth every 2000 good steps. */
    public static final double INITIAL_SCALE = 65536;
    public static final int GROWTH_INTERVAL = 2000;

    private final boolean dynamic;
    private final int growthInterval;
    private double scale;
    private int goodSteps;

    private LossScaler(boolean dynamic, double scale, int growthInterval, int goodSteps) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("loss scale must be a finite number > 0, got " + scale);
        }
        if (growthInterval < 1) {
            throw new IllegalArgumentException("growth interval must be >= 1, got " + growthInterval);
        }
        this.dynamic = dynamic;
        this.scale = scale;
        this.growthInterval = growthInterval;
        this.goodSteps = goodSteps;
    }

    public static LossScaler disabled() {
        return new LossScaler(false, 1, GROWTH_INTERVAL, 0);
    }

    public static LossScaler dynamic() {
        return new LossScaler(true, INITIAL_SCALE, GROWTH_INTERVAL, 0);
    }

    /** A dynamic scaler continuing from a checkpoint's {@link #scale} and {@link #goodSteps}. */
    public static LossScaler resumed(double scale, int growthInterval, int goodSteps) {
        return new LossScaler(true, scale, growthInterval, goodSteps);
    }

    public boolean isDynamic() {
        return dynamic;
    }

    public double scale() {
        return scale;
    }

    /** Good steps since the scale last changed. */
    public int goodSteps() {
        return goodSteps;
    }

    /**
     * Records one optimizer step's outcome and returns whether its update may be applied: an overflow on a dynamic
     * scaler halves the scale and skips the step.
     */
    public boolean afterStep(boolean gradientsFinite) {
        if (!dynamic) {
            return gradientsFinite;
        }
        if (!gradientsFinite) {
            scale /= 2;
            goodSteps = 0;
            return false;
        }
        if (++goodSteps >= growthInterval) {
            scale *= 2;
            goodSteps = 0;
        }
        return true;
    }
}
