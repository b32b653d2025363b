package com.pawprint.diffusion.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** kohya's default targets and names on the SD 1.5 configs, built without materialising weights. */
class DefaultTargetsTest {

    @Test
    void sd15HasKohyasModuleCountsNamesShapesAndParametersPerRank() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights unet = Weights.of(GeneratedTensorSource.counting(), manager, DataType.FLOAT32);
            Weights text = Weights.of(GeneratedTensorSource.counting(), manager, DataType.FLOAT32);
            UNet2DConditionModel.load(unet, UNet2DConditionConfig.sd15());
            ClipTextModel.load(text, ClipTextConfig.sd15());

            try (LoraNetwork network = LoraNetwork.create(LoraBase.of(unet, text), 1, 1, 0, manager)) {
                assertEquals(192, network.modules(LoraComponent.UNET).size());
                assertEquals(72, network.modules(LoraComponent.TEXT_ENCODER).size());
                assertEquals(589_824L, network.parameterCount());
                assertEquals(423_936L, network.modules(LoraComponent.UNET).stream()
                        .mapToLong(LoraModule::parameterCount).sum());

                Map<String, LoraModule> byName = network.modules().stream()
                        .collect(Collectors.toMap(LoraModule::name, m -> m));
                assertShapes(byName, "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
                        new Shape(1, 320), new Shape(320, 1));
                assertShapes(byName, "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k",
                        new Shape(1, 768), new Shape(320, 1));
                assertShapes(byName, "lora_unet_down_blocks_0_attentions_0_proj_in",
                        new Shape(1, 320, 1, 1), new Shape(320, 1, 1, 1));
                assertShapes(byName, "lora_unet_up_blocks_3_attentions_2_transformer_blocks_0_ff_net_0_proj",
                        new Shape(1, 320), new Shape(2560, 1));
                assertShapes(byName, "lora_unet_mid_block_attentions_0_transformer_blocks_0_attn1_to_out_0",
                        new Shape(1, 1280), new Shape(1280, 1));
                assertShapes(byName, "lora_te_text_model_encoder_layers_0_self_attn_q_proj",
                        new Shape(1, 768), new Shape(768, 1));
                assertShapes(byName, "lora_te_text_model_encoder_layers_11_mlp_fc1",
                        new Shape(1, 768), new Shape(3072, 1));
                assertTrue(byName.keySet().stream().noneMatch(n -> n.contains("resnets") || n.contains("norm")
                        || n.contains("time_emb") || n.contains("samplers") || n.contains("embeddings")));
            }
        }
    }

    private static void assertShapes(Map<String, LoraModule> byName, String name, Shape down, Shape up) {
        LoraModule module = byName.get(name);
        assertEquals(down, module.down().getShape(), name + " down");
        assertEquals(up, module.up().getShape(), name + " up");
    }
}
