package com.pawprint.diffusion.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import com.pawprint.diffusion.schedulers.DdpmNoiseSchedule;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One LoRA training step as kohya's train_network does it: noise the latents at the given timesteps, predict with the
 * UNet through the LoRA side paths, MSE against the schedule's target (optionally min-SNR-gamma weighted per
 * sample), backward, then an optimizer update of the LoRA arrays only; the base model stays frozen.
 *
 * <p>Construction attaches the network as side paths at strength 1; {@link #close} detaches it. The text-encoder
 * modules are trained only when a text-encoder optimizer is given and the conditioning supplier runs the text encoder
 * (inside the step, so its LoRA gets gradients); otherwise pass precomputed embeddings.
 */
public final class LoraTrainingStep implements AutoCloseable {

    private final UNet2DConditionModel unet;
    private final LoraNetwork network;
    private final DdpmNoiseSchedule schedule;
    private final Optimizer unetOptimizer;
    private final Optimizer textEncoderOptimizer;
    private final double minSnrGamma;
    private final AppliedLora applied;

    /**
     * @param textEncoderOptimizer null to leave the text-encoder LoRA untouched
     * @param minSnrGamma 0 for the plain mean loss, else kohya's --min_snr_gamma (5 is usual)
     */
    public LoraTrainingStep(UNet2DConditionModel unet, LoraNetwork network, DdpmNoiseSchedule schedule,
            Optimizer unetOptimizer, Optimizer textEncoderOptimizer, double minSnrGamma) {
        if (minSnrGamma < 0 || Double.isNaN(minSnrGamma)) {
            throw new IllegalArgumentException("min SNR gamma must be >= 0, got " + minSnrGamma);
        }
        this.unet = Objects.requireNonNull(unet, "unet");
        this.network = Objects.requireNonNull(network, "network");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.unetOptimizer = Objects.requireNonNull(unetOptimizer, "unetOptimizer");
        this.textEncoderOptimizer = textEncoderOptimizer;
        this.minSnrGamma = minSnrGamma;
        network.makeTrainable();
        this.applied = network.apply(LoraMode.SIDE_PATH, LoraStrength.of(1));
    }

    /** AdamW as kohya's default optimizer, at a fixed learning rate and weight decay 0.01. */
    public static Optimizer adamW(float learningRate) {
        return Optimizer.adamW().optLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(learningRate))
                .optWeightDecays(0.01f).build();
    }

    /**
     * Runs one step and returns the loss before the update.
     *
     * @param latents clean latents (batch, 4, h, w), already scaled by the VAE factor
     * @param noise noise of the same shape
     * @param timesteps int64 (batch) training timesteps
     * @param conditioning supplies the (batch, tokens, dim) text embeddings; it is called inside the step
     * @throws IllegalStateException when the loss is not finite (the LoRA is left unchanged)
     */
    public float step(NDArray latents, NDArray noise, NDArray timesteps, Supplier<NDArray> conditioning) {
        if (applied.isClosed()) {
            throw new IllegalStateException("this training step was closed");
        }
        float loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector collector = latents.getManager().getEngine().newGradientCollector()) {
                NDArray noisy = schedule.addNoise(latents, noise, timesteps);
                NDArray target = schedule.target(latents, noise, timesteps);
                NDArray prediction = unet.forward(noisy, timesteps, conditioning.get());
                NDArray lossArray = loss(prediction, target, timesteps);
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
        }
        if (!Float.isFinite(loss)) {
            zeroGradients(network.parameters());
            throw new IllegalStateException("training loss is " + loss + "; the LoRA was not updated");
        }
        update(unetOptimizer, network.parameters(LoraComponent.UNET));
        if (textEncoderOptimizer != null) {
            update(textEncoderOptimizer, network.parameters(LoraComponent.TEXT_ENCODER));
        } else {
            zeroGradients(network.parameters(LoraComponent.TEXT_ENCODER));
        }
        return loss;
    }

    private NDArray loss(NDArray prediction, NDArray target, NDArray timesteps) {
        NDArray squared = prediction.sub(target).square();
        if (minSnrGamma == 0) {
            return squared.mean();
        }
        NDArray perSample = squared.reshape(squared.getShape().get(0), -1).mean(new int[] {1});
        // A native copy: autograd keeps the weights for the backward pass, and arrays made from Java data alias a
        // buffer that dies with its wrapper (see Scalars).
        NDArray weights = schedule.minSnrWeights(timesteps, minSnrGamma)
                .toDevice(perSample.getDevice(), false).toType(perSample.getDataType(), false).duplicate();
        return perSample.mul(weights).mean();
    }

    /**
     * Outside the step's scope on purpose: the optimizer creates its moment arrays on first use, and they must live
     * as long as the optimizer. PyTorch accumulates gradients, so each is cleared after use.
     */
    private static void update(Optimizer optimizer, Map<String, NDArray> parameters) {
        parameters.forEach((key, parameter) -> {
            try (NDArray gradient = parameter.getGradient()) {
                optimizer.update(key, parameter, gradient);
                gradient.muli(0);
            }
        });
    }

    /** Clears gradients in place, non-finite ones included (NaN times 0 stays NaN). */
    private static void zeroGradients(Map<String, NDArray> parameters) {
        parameters.values().forEach(parameter -> {
            try (NDArray gradient = parameter.getGradient();
                    NDArray nan = gradient.isNaN();
                    NDArray infinite = gradient.isInfinite();
                    NDArray nonFinite = nan.logicalOr(infinite)) {
                gradient.set(nonFinite, 0);
                gradient.muli(0);
            }
        });
    }

    /** Detaches the LoRA from the UNet; the network itself stays open. */
    @Override
    public void close() {
        applied.close();
    }
}
