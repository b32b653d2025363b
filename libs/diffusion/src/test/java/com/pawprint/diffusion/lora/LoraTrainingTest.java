package com.pawprint.diffusion.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.pawprint.diffusion.nn.LoraTarget;
import com.pawprint.diffusion.optim.AdamW;
import com.pawprint.diffusion.optim.AdamWConfig;
import com.pawprint.diffusion.optim.LossScaler;
import com.pawprint.diffusion.schedulers.DdpmNoiseSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Adapters are trainable: gradients reach the LoRA arrays only, and the training step lowers the loss. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoraTrainingTest {

    private NDManager manager;
    private TinyModel model;

    @BeforeAll
    void open() {
        manager = NDManager.newBaseManager();
        model = new TinyModel(manager, 31);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    @Test
    void gradientsReachTheLoraArraysAndNoBaseWeight() {
        try (LoraNetwork network = LoraNetwork.create(model.base(), 2, 1, 3, manager);
                AppliedLora applied = network.apply(LoraMode.SIDE_PATH, LoraStrength.of(1));
                NDManager step = manager.newSubManager()) {
            TinyModel.randomizeUp(network, 3);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray out = model.denoise();
                out.attach(step);
                collector.backward(out.square().mean());
            }
            for (Map.Entry<String, NDArray> parameter : network.parameters().entrySet()) {
                // The 8x8 sample reaches the mid block as one token: softmax over one key ignores query and key.
                boolean constant = parameter.getKey().startsWith("lora_unet_mid_block_attentions_0_transformer_blocks_0"
                        + "_attn1_to_q") || parameter.getKey().startsWith(
                        "lora_unet_mid_block_attentions_0_transformer_blocks_0_attn1_to_k");
                try (NDArray gradient = parameter.getValue().getGradient()) {
                    assertEquals(!constant, gradient.abs().sum().getFloat() > 0, parameter.getKey());
                }
            }
            List<LoraTarget> base = new ArrayList<>(model.base().unet().all());
            base.addAll(model.base().textEncoder().all());
            for (LoraTarget target : base) {
                assertFalse(target.weight().hasGradient(), target.path() + " stays frozen");
            }
        }
    }

    @Test
    void trainingStepsLowerTheLossOnAFixedBatch() {
        DdpmNoiseSchedule schedule = DdpmNoiseSchedule.sd15();
        NDArray latents = TinyModel.random(manager, new Shape(1, 4, 8, 8), 41);
        NDArray noise = TinyModel.random(manager, new Shape(1, 4, 8, 8), 42);
        NDArray timesteps = manager.create(new long[] {300});
        NDArray context = model.text.encode(model.ids, 1);
        try (LoraNetwork network = LoraNetwork.create(model.base(), 4, 4, 5, manager);
                AdamW adamW = new AdamW(AdamWConfig.defaults(), manager);
                LoraTrainingStep training = new LoraTrainingStep(model.unet, network, schedule, adamW, false, 5,
                        LossScaler.disabled())) {
            float first = training.step(latents, noise, timesteps, () -> context, 3e-3);
            float last = first;
            for (int i = 0; i < 2; i++) {
                last = training.step(latents, noise, timesteps, () -> context, 3e-3);
            }
            assertTrue(last < 0.97 * first, "loss " + first + " -> " + last);

            NDArray broken = latents.mul(Float.NaN);
            assertThrows(IllegalStateException.class,
                    () -> training.step(broken, noise, timesteps, () -> context, 3e-3));
            float after = training.step(latents, noise, timesteps, () -> context, 3e-3);
            assertTrue(Float.isFinite(after) && after < first, "a NaN batch leaves no trace: " + after);
            assertTrue(network.modules(LoraComponent.UNET).get(0).up().abs().sum().getFloat() > 0,
                    "up moved away from zero");
            assertTrue(network.modules(LoraComponent.TEXT_ENCODER).get(0).up().abs().sum().getFloat() == 0,
                    "the text encoder LoRA is left alone when it is not trained");
            assertEquals(3 + 1, adamW.steps(network.parameters(LoraComponent.UNET).keySet().iterator().next()),
                    "the NaN batch took no optimizer step");
        }
        try (AdamW adamW = new AdamW(AdamWConfig.defaults(), manager);
                LoraNetwork network = LoraNetwork.create(model.base(), 1, 1, 1, manager)) {
            assertThrows(IllegalArgumentException.class, () -> new LoraTrainingStep(model.unet, network, schedule,
                    adamW, false, -1, LossScaler.disabled()));
        }
    }

    @Test
    void halfPrecisionTrainsWithFp32StateAndSkipsOverflowingSteps() {
        try (NDManager half = NDManager.newBaseManager()) {
            TinyModel fp16 = new TinyModel(half, 31, DataType.FLOAT16);
            DdpmNoiseSchedule schedule = DdpmNoiseSchedule.sd15();
            NDArray latents = TinyModel.random(half, new Shape(1, 4, 8, 8), 41).toType(DataType.FLOAT16, false);
            NDArray noise = TinyModel.random(half, new Shape(1, 4, 8, 8), 42).toType(DataType.FLOAT16, false);
            NDArray timesteps = half.create(new long[] {300});
            NDArray context = fp16.text.encode(fp16.ids, 1);
            LossScaler scaler = LossScaler.resumed(1e9, LossScaler.GROWTH_INTERVAL, 0);
            try (LoraNetwork network = LoraNetwork.create(fp16.base(), 4, 4, 5, half);
                    AdamW adamW = new AdamW(AdamWConfig.defaults(), half);
                    LoraTrainingStep training = new LoraTrainingStep(fp16.unet, network, schedule, adamW, false, 0,
                            scaler)) {
                String key = network.parameters(LoraComponent.UNET).keySet().iterator().next();
                assertEquals(DataType.FLOAT16, network.parameters().get(key).getDataType());

                training.accumulate(latents, noise, timesteps, null, 1, () -> context);
                LoraTrainingStep.Update overflow = training.update(1e-3, 1e-3, 1);
                assertFalse(overflow.applied(), "a scale of 1e9 overflows fp16 gradients");
                assertEquals(5e8, overflow.lossScale());
                assertEquals(0, adamW.steps(key));

                float first = 0;
                int applied = 0;
                for (int i = 0; i < 40 && applied < 4; i++) {
                    float loss = training.accumulate(latents, noise, timesteps, null, 1, () -> context);
                    first = applied == 0 ? loss : first;
                    applied += training.update(3e-3, 3e-3, 1).applied() ? 1 : 0;
                }
                assertEquals(4, applied, "the scale backed off until steps applied");
                assertTrue(scaler.scale() < 1e9 && scaler.scale() >= 1, "scale " + scaler.scale());
                float last = training.accumulate(latents, noise, timesteps, null, 1, () -> context);
                assertTrue(last < first, "fp16 training lowers the loss: " + first + " -> " + last);
                assertEquals(4, adamW.steps(key));
            }
        }
    }
}
