package com.pawprint.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import com.pawprint.diffusion.schedulers.NoiseSource;

/**
 * The encoder's latent distribution: independent Gaussians whose mean and log-variance are the two halves of the
 * encoder's channels. The log-variance is clamped to [-30, 20] as in diffusers, which keeps {@code exp} finite.
 */
public final class DiagonalGaussianDistribution implements AutoCloseable {

    static final double MIN_LOGVAR = -30.0;
    static final double MAX_LOGVAR = 20.0;

    private final NDArray mean;
    private final NDArray logvar;
    private final NDArray std;

    private DiagonalGaussianDistribution(NDArray mean, NDArray logvar, NDArray std) {
        this.mean = mean;
        this.logvar = logvar;
        this.std = std;
    }

    /** @param parameters (batch, 2 x latentChannels, h, w): mean, then log-variance */
    public static DiagonalGaussianDistribution of(NDArray parameters) {
        if (parameters.getShape().dimension() != 4 || parameters.getShape().get(1) % 2 != 0) {
            throw new IllegalArgumentException(
                    "parameters must be (batch, 2 x latent channels, h, w), got " + parameters.getShape());
        }
        NDList halves = parameters.split(2, 1);
        NDArray logvar = halves.get(1).clip(MIN_LOGVAR, MAX_LOGVAR);
        halves.get(1).close();
        return new DiagonalGaussianDistribution(halves.get(0), logvar, logvar.mul(0.5).exp());
    }

    public NDArray mean() {
        return mean;
    }

    public NDArray logvar() {
        return logvar;
    }

    public NDArray std() {
        return std;
    }

    /** The most likely latent: the mean. */
    public NDArray mode() {
        return mean;
    }

    /** {@code mean + std * noise}, with standard-normal noise of the mean's shape. */
    public NDArray sample(NDArray noise) {
        if (!noise.getShape().equals(mean.getShape())) {
            throw new IllegalArgumentException("noise must have shape " + mean.getShape() + ", got " + noise.getShape());
        }
        return mean.add(std.mul(noise));
    }

    /** A sample drawn with noise from {@code noise}, so a seeded source reproduces it on any device. */
    public NDArray sample(NoiseSource noise) {
        NDArray drawn = noise.gaussian(mean.getManager(), mean.getShape());
        NDArray typed = drawn.toType(mean.getDataType(), false);
        NDArray latent = sample(typed);
        typed.close();
        drawn.close();
        return latent;
    }

    @Override
    public void close() {
        mean.close();
        logvar.close();
        std.close();
    }

}
