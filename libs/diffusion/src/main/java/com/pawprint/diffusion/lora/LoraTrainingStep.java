package com.pawprint.diffusion.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.pawprint.diffusion.nn.Scalars;
import com.pawprint.diffusion.optim.AdamW;
import com.pawprint.diffusion.optim.LossScaler;
import com.pawprint.diffusion.schedulers.DdpmNoiseSchedule;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * LoRA training as kohya's train_network does it: noise the latents at the given timesteps, predict with the UNet
 * through the LoRA side paths, per-sample MSE against the schedule's target, times each sample's loss weight
 * (prior_loss_weight for regularization images), min-SNR-gamma weighted when asked, averaged; backward; and every
 * {@code gradient_accumulation_steps} micro-batches one AdamW update of the LoRA arrays only (the base model stays
 * frozen), after clipping the gradient norm as accelerate's {@code clip_grad_norm_} does.
 *
 * <p>Construction attaches the network as side paths at strength 1; {@link #close} detaches it. The text-encoder
 * modules train only when asked and the conditioning supplier runs the text encoder inside the step; otherwise they
 * are frozen and precomputed embeddings may be passed.
 */
public final class LoraTrainingStep implements AutoCloseable {

    /** What one optimizer update did. */
    public record Update(boolean applied, double gradientNorm, double lossScale) {
    }

    private final UNet2DConditionModel unet;
    private final LoraNetwork network;
    private final DdpmNoiseSchedule schedule;
    private final AdamW optimizer;
    private final boolean trainTextEncoder;
    private final double minSnrGamma;
    private final LossScaler lossScaler;
    private final AppliedLora applied;

    /** @param minSnrGamma 0 for the plain mean loss, else kohya's --min_snr_gamma (5 is usual) */
    public LoraTrainingStep(UNet2DConditionModel unet, LoraNetwork network, DdpmNoiseSchedule schedule,
            AdamW optimizer, boolean trainTextEncoder, double minSnrGamma, LossScaler lossScaler) {
        if (!(minSnrGamma >= 0) || Double.isInfinite(minSnrGamma)) {
            throw new IllegalArgumentException("min SNR gamma must be a finite number >= 0, got " + minSnrGamma);
        }
        this.unet = Objects.requireNonNull(unet, "unet");
        this.network = Objects.requireNonNull(network, "network");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.lossScaler = Objects.requireNonNull(lossScaler, "lossScaler");
        this.trainTextEncoder = trainTextEncoder;
        this.minSnrGamma = minSnrGamma;
        network.makeTrainable();
        if (!trainTextEncoder) {
            network.parameters(LoraComponent.TEXT_ENCODER).values().forEach(p -> p.setRequiresGradient(false));
        }
        this.applied = network.apply(LoraMode.SIDE_PATH, LoraStrength.of(1));
    }

    /**
     * One micro-batch at one learning rate for both parts, updated at once, no clipping: the whole step for callers
     * without accumulation. Returns the loss before the update.
     */
    public float step(NDArray latents, NDArray noise, NDArray timesteps, Supplier<NDArray> conditioning,
            double learningRate) {
        float loss = accumulate(latents, noise, timesteps, null, 1, conditioning);
        update(learningRate, learningRate, 0);
        return loss;
    }

    /**
     * Forward and backward of one micro-batch; gradients add up until {@link #update}. Returns the batch's weighted
     * mean loss (unscaled, before the division by {@code accumulationSteps}).
     *
     * @param latents clean latents (batch, 4, h, w), already scaled by the VAE factor
     * @param noise noise of the same shape (with any noise offset already added)
     * @param timesteps int64 (batch) training timesteps
     * @param sampleWeights one loss weight per sample, null for all 1
     * @param accumulationSteps micro-batches per update; each contributes its loss divided by this
     * @param conditioning supplies the (batch, tokens, dim) text embeddings; it is called inside the step
     * @throws IllegalStateException when the loss is not finite (gradients of this batch are discarded)
     */
    public float accumulate(NDArray latents, NDArray noise, NDArray timesteps, float[] sampleWeights,
            int accumulationSteps, Supplier<NDArray> conditioning) {
        if (applied.isClosed()) {
            throw new IllegalStateException("this training step was closed");
        }
        if (accumulationSteps < 1) {
            throw new IllegalArgumentException("accumulation steps must be >= 1, got " + accumulationSteps);
        }
        float loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector collector = latents.getManager().getEngine().newGradientCollector()) {
                NDArray noisy = schedule.addNoise(latents, noise, timesteps);
                NDArray target = schedule.target(latents, noise, timesteps);
                NDArray prediction = unet.forward(noisy, timesteps, conditioning.get());
                // In fp32 whatever the weights' type, as kohya's mse_loss(pred.float(), target.float()).
                NDArray lossArray = loss(Scalars.float32(prediction), target.toType(DataType.FLOAT32, false),
                        timesteps, sampleWeights);
                loss = lossArray.getFloat();
                if (Float.isFinite(loss)) {
                    collector.backward(Scalars.mul(lossArray, lossScaler.scale() / accumulationSteps));
                }
            }
        }
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("training loss is " + loss + "; this batch's gradients were discarded");
        }
        return loss;
    }

    private NDArray loss(NDArray prediction, NDArray target, NDArray timesteps, float[] sampleWeights) {
        NDArray squared = prediction.sub(target).square();
        long batch = squared.getShape().get(0);
        NDArray perSample = squared.reshape(batch, -1).mean(new int[] {1});
        if (sampleWeights != null) {
            if (sampleWeights.length != batch) {
                throw new IllegalArgumentException(sampleWeights.length + " loss weights for a batch of " + batch);
            }
            perSample = perSample.mul(native32(perSample.getManager().create(sampleWeights), perSample));
        }
        if (minSnrGamma > 0) {
            perSample = perSample.mul(native32(schedule.minSnrWeights(timesteps, minSnrGamma), perSample));
        }
        return perSample.mean();
    }

    /**
     * A native copy on {@code like}'s device: autograd keeps the weights for the backward pass, and arrays made from
     * Java data alias a buffer that dies with its wrapper (see Scalars).
     */
    private static NDArray native32(NDArray weights, NDArray like) {
        return weights.toDevice(like.getDevice(), false).toType(DataType.FLOAT32, false).duplicate();
    }

    /**
     * Unscales the accumulated gradients, clips their global norm to {@code maxGradNorm} (0 for no clipping), and
     * applies AdamW at the two learning rates; gradients are cleared either way. A dynamic loss scaler skips the
     * update when a gradient overflowed; without one, a non-finite gradient throws and leaves the LoRA unchanged.
     */
    public Update update(double unetLearningRate, double textEncoderLearningRate, double maxGradNorm) {
        Map<String, NDArray> trained = new LinkedHashMap<>(network.parameters(LoraComponent.UNET));
        if (trainTextEncoder) {
            trained.putAll(network.parameters(LoraComponent.TEXT_ENCODER));
        }
        double scale = lossScaler.scale();
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        try {
            double squaredNorm = 0;
            for (Map.Entry<String, NDArray> parameter : trained.entrySet()) {
                NDArray gradient = parameter.getValue().getGradient();
                gradients.put(parameter.getKey(), gradient);
                try (NDArray wide = gradient.toType(DataType.FLOAT32, true);
                        NDArray squares = wide.square();
                        NDArray sum = squares.sum()) {
                    squaredNorm += sum.getFloat();
                }
            }
            double norm = Math.sqrt(squaredNorm) / scale;
            boolean finite = Double.isFinite(norm);
            if (!lossScaler.afterStep(finite)) {
                if (!lossScaler.isDynamic()) {
                    throw new IllegalStateException("the gradient norm is " + norm + "; the LoRA was not updated");
                }
                return new Update(false, norm, lossScaler.scale());
            }
            double clip = maxGradNorm > 0 ? Math.min(1, maxGradNorm / (norm + 1e-6)) : 1;
            for (Map.Entry<String, NDArray> parameter : trained.entrySet()) {
                boolean unet = parameter.getKey().startsWith(LoraComponent.UNET.keyPrefix() + "_");
                try (NDArray unscaled = gradients.get(parameter.getKey()).toType(DataType.FLOAT32, true)) {
                    unscaled.muli(clip / scale);
                    optimizer.update(parameter.getKey(), parameter.getValue(), unscaled,
                            unet ? unetLearningRate : textEncoderLearningRate);
                }
            }
            return new Update(true, norm, lossScaler.scale());
        } finally {
            gradients.values().forEach(LoraTrainingStep::clear);
        }
    }

    /** PyTorch accumulates gradients, so each is cleared in place after use (NaN times 0 stays NaN). */
    private static void clear(NDArray gradient) {
        try (gradient; NDArray nan = gradient.isNaN(); NDArray infinite = gradient.isInfinite();
                NDArray nonFinite = nan.logicalOr(infinite)) {
            gradient.set(nonFinite, 0);
            gradient.muli(0);
        }
    }

    /** Detaches the LoRA from the UNet; the network itself stays open. */
    @Override
    public void close() {
        applied.close();
    }
}
