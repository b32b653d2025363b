package com.pawprint.diffusion.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsSource;
import com.pawprint.diffusion.unet.Golden;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kohya file written by the independent PyTorch reference ({@code src/test/python/reference_lora.py}) on the
 * golden tiny UNet: output with the LoRA merged at 0.7, and LoRA gradients (through the side paths) after one MSE
 * backward.
 */
class LoraGoldenTest {

    private static final List<String> GRADIENT_MODULES = List.of(
            "lora_unet_down_blocks_0_attentions_0_proj_in",
            "lora_unet_up_blocks_3_attentions_2_transformer_blocks_0_attn2_to_k",
            "lora_unet_mid_block_attentions_0_transformer_blocks_0_ff_net_0_proj");

    @Test
    void outputAndGradientsMatchThePyTorchReference() throws URISyntaxException {
        try (SafetensorsSource weightsFile = Golden.open("unet_tiny_weights.safetensors");
                SafetensorsSource io = Golden.open("unet_tiny_io.safetensors");
                SafetensorsSource expected = Golden.open("lora_tiny_io.safetensors");
                NDManager manager = NDManager.newBaseManager()) {
            Weights weights = Weights.of(weightsFile, manager, DataType.FLOAT32);
            UNet2DConditionModel unet = UNet2DConditionModel.load(weights, UNet2DConditionConfig.tiny());
            NDArray sample = io.load("sample", manager);
            NDArray timestep = io.load("timestep", manager);
            NDArray context = io.load("encoder_hidden_states", manager);
            Path file = Path.of(LoraGoldenTest.class.getResource("/golden/lora_tiny.safetensors").toURI());

            try (LoraNetwork lora = LoraNetwork.load(file, LoraBase.unetOnly(weights.registry()), manager)) {
                assertEquals(192, lora.modules().size());
                assertEquals("reference_lora", lora.metadata().get("ss_output_name"));
                try (AppliedLora applied = lora.apply(LoraMode.MERGED, new LoraStrength(0, 0.7))) {
                    Golden.assertAllClose(expected.load("out", manager), unet.forward(sample, timestep, context),
                            1e-4, 1e-5);
                }

                lora.makeTrainable();
                try (AppliedLora applied = lora.apply(LoraMode.SIDE_PATH, LoraStrength.of(1));
                        GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray out = unet.forward(sample, timestep, context);
                    NDArray loss = out.sub(expected.load("target", manager)).square().mean();
                    collector.backward(loss);
                    Golden.assertAllClose(expected.load("loss", manager), loss.reshape(1), 1e-5, 0);
                }
                for (String module : GRADIENT_MODULES) {
                    for (String part : List.of(".lora_down.weight", ".lora_up.weight")) {
                        try (NDArray gradient = lora.parameters().get(module + part).getGradient()) {
                            Golden.assertAllClose(expected.load("grad." + module + part, manager), gradient, 1e-3,
                                    1e-6);
                        }
                    }
                }
            }
        }
    }
}
