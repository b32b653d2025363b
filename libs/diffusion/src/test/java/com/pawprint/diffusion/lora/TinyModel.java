package com.pawprint.diffusion.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import java.util.SplittableRandom;

/** The team's tiny UNet and CLIP text configs with random weights, and fixed inputs for them. */
final class TinyModel {

    final NDManager manager;
    final Weights unetWeights;
    final Weights textWeights;
    final UNet2DConditionModel unet;
    final ClipTextModel text;
    final NDArray sample;
    final NDArray timesteps;
    final NDArray ids;

    TinyModel(NDManager manager, long seed) {
        this(manager, seed, DataType.FLOAT32);
    }

    TinyModel(NDManager manager, long seed, DataType weightType) {
        this.manager = manager;
        unetWeights = Weights.of(GeneratedTensorSource.random(seed), manager, weightType);
        textWeights = Weights.of(GeneratedTensorSource.random(seed + 1), manager, weightType);
        unet = UNet2DConditionModel.load(unetWeights, UNet2DConditionConfig.tiny());
        text = ClipTextModel.load(textWeights, ClipTextConfig.tiny());
        sample = random(manager, new Shape(1, 4, 8, 8), seed + 2);
        timesteps = manager.create(new long[] {700});
        ids = manager.create(new long[] {1, 17, 300, 999, 4, 2}, new Shape(1, 6));
    }

    LoraBase base() {
        return LoraBase.of(unetWeights, textWeights);
    }

    /** The UNet's prediction conditioned on the text encoder's output: every LoRA module takes part. */
    NDArray denoise() {
        NDArray context = text.encode(ids, 1);
        return unet.forward(sample, timesteps, context);
    }

    static NDArray random(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return manager.create(values, shape);
    }

    /** Gives every {@code up} of {@code network} random values, so the LoRA changes the output. */
    static void randomizeUp(LoraNetwork network, long seed) {
        int i = 0;
        for (LoraModule module : network.modules()) {
            NDArray values = random(module.up().getManager(), module.up().getShape(), seed + i++).mul(0.2f);
            module.up().subi(module.up()).addi(values);
            values.close();
        }
    }

    static double maxAbsDifference(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
