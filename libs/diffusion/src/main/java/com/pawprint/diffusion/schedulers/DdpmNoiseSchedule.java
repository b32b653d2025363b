package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The DDPM forward process used for training (diffusers' DDPMScheduler tables) and shared by every sampler:
 * betas, alpha_bar (cumulative product of 1 - beta), noising, prediction targets and min-SNR weights.
 *
 * <p>Everything is float32 as diffusers and kohya hold it: betas from torch's float32 linspace, alpha_bar from
 * torch's CPU cumprod (a double accumulator, each output rounded to float32), sigma and SNR from float32 tensor
 * arithmetic. A float64 table differs by up to 1.3e-5 relative in sigma (sigma_max 14.614641 instead of diffusers'
 * 14.614647), which shifts Karras timesteps by up to 1.3e-3.
 * Timestep arrays may be any integer type, one per sample; alpha_bar is gathered on the host, so the tensors stay on
 * their device and keep their float type.
 */
public final class DdpmNoiseSchedule {

    private final NoiseScheduleConfig config;
    private final float[] betas;
    private final float[] alphasCumprod;

    public DdpmNoiseSchedule(NoiseScheduleConfig config) {
        this.config = config;
        this.betas = config.betaSchedule().betas(config.betaStart(), config.betaEnd(), config.trainTimesteps());
        this.alphasCumprod = new float[betas.length];
        // torch.cumprod on the CPU accumulates float32 in double (at::acc_type) and rounds each output
        double product = 1;
        for (int t = 0; t < betas.length; t++) {
            product *= 1f - betas[t];
            alphasCumprod[t] = (float) product;
        }
    }

    public static DdpmNoiseSchedule sd15() {
        return new DdpmNoiseSchedule(NoiseScheduleConfig.sd15());
    }

    public NoiseScheduleConfig config() {
        return config;
    }

    public int trainTimesteps() {
        return betas.length;
    }

    public float beta(int timestep) {
        return betas[checked(timestep)];
    }

    /** alpha_bar_t, the share of the signal's variance left at {@code timestep}. */
    public float alphaCumprod(int timestep) {
        return alphasCumprod[checked(timestep)];
    }

    /**
     * The noise level in k-diffusion's parameterisation, sqrt((1 - alpha_bar) / alpha_bar), in float32 as diffusers'
     * {@code ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5}, with the correctly rounded square root (a float's
     * square root taken in double and rounded); torch's on x86, MKL's, is an ulp off for 190 of SD 1.5's sigmas.
     */
    public float sigma(int timestep) {
        float alphaBar = alphaCumprod(timestep);
        return (float) Math.sqrt((1 - alphaBar) / alphaBar);
    }

    /**
     * Signal-to-noise ratio alpha_bar / (1 - alpha_bar), as kohya's float32 {@code all_snr}:
     * (sqrt(alpha_bar) / sqrt(1 - alpha_bar)) ** 2.
     */
    public float snr(int timestep) {
        float alphaBar = alphaCumprod(timestep);
        float ratio = (float) Math.sqrt(alphaBar) / (float) Math.sqrt(1 - alphaBar);
        return ratio * ratio;
    }

    /** x_t = sqrt(alpha_bar_t) x0 + sqrt(1 - alpha_bar_t) noise, with one timestep per sample. */
    public NDArray addNoise(NDArray x0, NDArray noise, NDArray timesteps) {
        requireSameShape(x0, noise);
        NDArray alphaBar = alphaBarPerSample(x0, timestepsFor(x0, timesteps));
        return x0.mul(alphaBar.sqrt()).add(noise.mul(alphaBar.neg().add(1).sqrt()));
    }

    /** v = sqrt(alpha_bar_t) noise - sqrt(1 - alpha_bar_t) x0, the v-prediction target. */
    public NDArray velocity(NDArray x0, NDArray noise, NDArray timesteps) {
        requireSameShape(x0, noise);
        NDArray alphaBar = alphaBarPerSample(x0, timestepsFor(x0, timesteps));
        return noise.mul(alphaBar.sqrt()).sub(x0.mul(alphaBar.neg().add(1).sqrt()));
    }

    /** What the UNet is trained to output: the noise (epsilon) or the velocity, per the config. */
    public NDArray target(NDArray x0, NDArray noise, NDArray timesteps) {
        return config.predictionType() == PredictionType.EPSILON ? noise.duplicate() : velocity(x0, noise, timesteps);
    }

    /** The SNR of each sample's timestep, shape (batch), float32. */
    public NDArray snr(NDArray timesteps) {
        long[] t = toTimesteps(timesteps);
        float[] values = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            values[i] = snr((int) t[i]);
        }
        return timesteps.getManager().create(values);
    }

    /**
     * Min-SNR-gamma loss weights (Hang et al. 2023, as kohya's {@code apply_snr_weight}): min(snr, gamma) / snr for
     * epsilon prediction, min(snr, gamma) / (snr + 1) for v-prediction. Shape (batch), float32.
     */
    public NDArray minSnrWeights(NDArray timesteps, double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("min_snr_gamma must be positive, got " + gamma);
        }
        long[] t = toTimesteps(timesteps);
        boolean velocity = config.predictionType() == PredictionType.V_PREDICTION;
        float gammaFloat = (float) gamma; // torch.full_like(snr, gamma)
        float[] weights = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            float snr = snr((int) t[i]);
            weights[i] = Math.min(snr, gammaFloat) / (velocity ? snr + 1 : snr);
        }
        return timesteps.getManager().create(weights);
    }

    /** Training timesteps drawn uniformly from [0, trainTimesteps), int64, shape (batch). */
    public NDArray sampleTimesteps(NDManager manager, int batchSize, SplittableRandom random) {
        long[] timesteps = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            timesteps[i] = random.nextInt(trainTimesteps());
        }
        return manager.create(timesteps);
    }

    private long[] timestepsFor(NDArray samples, NDArray timesteps) {
        long[] t = toTimesteps(timesteps);
        if (samples.getShape().dimension() == 0 || samples.getShape().get(0) != t.length) {
            throw new IllegalArgumentException("need one timestep per sample: " + t.length + " timesteps for shape "
                    + samples.getShape());
        }
        return t;
    }

    private long[] toTimesteps(NDArray timesteps) {
        if (!timesteps.getDataType().isInteger() || timesteps.getShape().dimension() != 1) {
            throw new IllegalArgumentException("timesteps must be a 1-d integer array, got "
                    + timesteps.getDataType() + " " + timesteps.getShape());
        }
        long[] t = timesteps.toType(DataType.INT64, false).toLongArray();
        for (long timestep : t) {
            checked(timestep);
        }
        return t;
    }

    private int checked(long timestep) {
        if (timestep < 0 || timestep >= betas.length) {
            throw new IllegalArgumentException("timestep " + timestep + " is outside [0, " + betas.length + ")");
        }
        return (int) timestep;
    }

    /**
     * alpha_bar of each sample's timestep, shaped (batch, 1, 1, ...) to broadcast over the sample, in the sample's
     * type: diffusers casts alphas_cumprod to the sample's dtype before taking the square roots, so a half-precision
     * sample gets half-precision coefficients.
     */
    private NDArray alphaBarPerSample(NDArray samples, long[] timesteps) {
        float[] values = new float[timesteps.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = alphasCumprod[(int) timesteps[i]];
        }
        long[] dims = new long[samples.getShape().dimension()];
        Arrays.fill(dims, 1);
        dims[0] = values.length;
        return samples.getManager().create(values, new Shape(dims)).toType(samples.getDataType(), false);
    }

    private static void requireSameShape(NDArray x0, NDArray noise) {
        if (!x0.getShape().equals(noise.getShape())) {
            throw new IllegalArgumentException("x0 " + x0.getShape() + " and noise " + noise.getShape()
                    + " differ in shape");
        }
    }
}
