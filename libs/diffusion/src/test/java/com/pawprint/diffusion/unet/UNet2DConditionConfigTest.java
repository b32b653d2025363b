package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UNet2DConditionConfigTest {

    /** runwayml/stable-diffusion-v1-5 unet/config.json. */
    static final String SD15_JSON = """
            {
              "_class_name": "UNet2DConditionModel",
              "_diffusers_version": "0.6.0",
              "act_fn": "silu",
              "attention_head_dim": 8,
              "block_out_channels": [320, 640, 1280, 1280],
              "center_input_sample": false,
              "cross_attention_dim": 768,
              "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                                   "DownBlock2D"],
              "downsample_padding": 1,
              "flip_sin_to_cos": true,
              "freq_shift": 0,
              "in_channels": 4,
              "layers_per_block": 2,
              "mid_block_scale_factor": 1,
              "norm_eps": 1e-05,
              "norm_num_groups": 32,
              "out_channels": 4,
              "sample_size": 64,
              "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"]
            }
            """;

    @Test
    void readsTheSd15ConfigJson() {
        assertEquals(UNet2DConditionConfig.sd15(), UNet2DConditionConfig.fromJson(SD15_JSON));
        assertEquals(1280, UNet2DConditionConfig.sd15().timeEmbeddingChannels());
    }

    @Test
    void readsTheTinyConfigWithAttentionHeadDimMeaningHeads() {
        String tiny = """
                {"block_out_channels": [32, 32, 64, 64], "attention_head_dim": 4, "cross_attention_dim": 64,
                 "norm_num_groups": 8, "sample_size": 8, "use_linear_projection": false,
                 "mid_block_type": "UNetMidBlock2DCrossAttn", "class_embed_type": null}
                """;
        assertEquals(UNet2DConditionConfig.tiny(), UNet2DConditionConfig.fromJson(tiny));
    }

    @Test
    void perStageHeadsAndNumAttentionHeadsTakePrecedence() {
        assertEquals(List.of(5, 10, 20, 20),
                UNet2DConditionConfig.fromJson("{\"attention_head_dim\": [5, 10, 20, 20]}").attentionHeads());
        assertEquals(List.of(2, 2, 2, 2), UNet2DConditionConfig.fromJson(
                "{\"attention_head_dim\": 8, \"num_attention_heads\": 2}").attentionHeads());
        assertThrows(IllegalArgumentException.class,
                () -> UNet2DConditionConfig.fromJson("{\"attention_head_dim\": [5, 10]}"));
    }

    @Test
    void rejectsArchitecturesBeyondSd1WithTheKeyThatAskedForThem() {
        IllegalArgumentException classEmbed = assertThrows(IllegalArgumentException.class,
                () -> UNet2DConditionConfig.fromJson("{\"class_embed_type\": \"timestep\"}"));
        assertTrue(classEmbed.getMessage().contains("class_embed_type"), classEmbed.getMessage());
        IllegalArgumentException mid = assertThrows(IllegalArgumentException.class,
                () -> UNet2DConditionConfig.fromJson("{\"mid_block_type\": \"UNetMidBlock2DSimpleCrossAttn\"}"));
        assertTrue(mid.getMessage().contains("mid_block_type"), mid.getMessage());
        IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
                () -> UNet2DConditionConfig.fromJson("{\"down_block_types\": [\"CrossAttnDownBlock2D\","
                        + " \"CrossAttnDownBlock2D\", \"CrossAttnDownBlock2D\", \"SimpleCrossAttnDownBlock2D\"]}"));
        assertTrue(block.getMessage().contains("SimpleCrossAttnDownBlock2D"), block.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> UNet2DConditionConfig.fromJson("{\"transformer_layers_per_block\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> UNet2DConditionConfig.fromJson("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> UNet2DConditionConfig.fromJson("{not json"));
    }
}
