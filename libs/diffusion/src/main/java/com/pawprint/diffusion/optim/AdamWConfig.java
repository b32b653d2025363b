package com.pawprint.diffusion.optim;

/**
 * Hyper-parameters of {@link AdamW}, with {@code torch.optim.AdamW}'s defaults. The learning rate is not here: it
 * changes every step with the schedule and differs between the UNet and the text encoder, so it is passed to each
 * update.
 *
 * @param beta1 decay of the first moment (default 0.9)
 * @param beta2 decay of the second moment (default 0.999)
 * @param epsilon added to the bias-corrected square root of the second moment (default 1e-8)
 * @param weightDecay decoupled weight decay, multiplied by the learning rate (default 0.01; kohya keeps torch's)
 */
public record AdamWConfig(double beta1, double beta2, double epsilon, double weightDecay) {

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW betas must lie in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("AdamW epsilon must be a finite number > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("AdamW weight decay must be a finite number >= 0, got " + weightDecay);
        }
    }

    public static AdamWConfig defaults() {
        return new AdamWConfig(0.9, 0.999, 1e-8, 0.01);
    }
}
