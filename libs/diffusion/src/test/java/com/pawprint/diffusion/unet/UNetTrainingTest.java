package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;
import org.junit.jupiter.api.Test;

/**
 * The per-block scopes free intermediates during the forward pass; autograd must still reach a LoRA-style side path
 * deep inside the UNet, with the gradient a finite difference confirms.
 */
class UNetTrainingTest {

    private static final String TARGET = "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q";

    @Test
    void gradientsReachASidePathThroughTheScopedBlocks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights weights = Weights.of(GeneratedTensorSource.random(4), manager, DataType.FLOAT32);
            UNet2DConditionModel unet = UNet2DConditionModel.load(weights, UNet2DConditionConfig.tiny());
            Linear toQ = (Linear) weights.registry().find(TARGET).orElseThrow();
            NDArray down = manager.randomNormal(0, 0.2f, new Shape(2, 32), DataType.FLOAT32);
            NDArray up = manager.randomNormal(0, 0.2f, new Shape(32, 2), DataType.FLOAT32);
            toQ.addSidePath(x -> x.matMul(down.transpose()).matMul(up.transpose()));
            NDArray sample = manager.randomNormal(new Shape(1, 4, 8, 8));
            NDArray context = manager.randomNormal(new Shape(1, 5, 64));
            NDArray t = manager.create(100f);

            up.setRequiresGradient(true);
            NDArray gradient;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(unet.forward(sample, t, context).square().mean());
                try (NDArray accumulated = up.getGradient()) {
                    gradient = accumulated.duplicate();
                }
            }
            up.setRequiresGradient(false);
            float norm = gradient.norm().getFloat();
            assertTrue(norm > 0 && Float.isFinite(norm), "gradient norm " + norm);

            float eps = 1e-2f;
            NDArray direction = gradient.div(norm);
            up.addi(direction.mul(eps));
            float plus = unet.forward(sample, t, context).square().mean().getFloat();
            up.subi(direction.mul(2 * eps));
            float minus = unet.forward(sample, t, context).square().mean().getFloat();
            assertEquals(norm, (plus - minus) / (2 * eps), 0.05 * norm);
        }
    }
}
