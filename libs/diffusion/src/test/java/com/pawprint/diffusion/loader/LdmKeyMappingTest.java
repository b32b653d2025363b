package com.pawprint.diffusion.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LdmKeyMappingTest {

    @Test
    void unetNamesFollowTheBlockLayout() {
        assertEquals(Optional.of("down_blocks.0.attentions.0.proj_in.weight"),
                LdmKeyMapping.unetName("input_blocks.1.1.proj_in.weight", 2));
        assertEquals(Optional.of("down_blocks.2.downsamplers.0.conv.bias"),
                LdmKeyMapping.unetName("input_blocks.9.0.op.bias", 2));
        assertEquals(Optional.of("up_blocks.1.attentions.2.transformer_blocks.0.attn2.to_k.weight"),
                LdmKeyMapping.unetName("output_blocks.5.1.transformer_blocks.0.attn2.to_k.weight", 2));
        assertEquals(Optional.of("up_blocks.0.upsamplers.0.conv.weight"),
                LdmKeyMapping.unetName("output_blocks.2.1.conv.weight", 2));
        assertEquals(Optional.of("mid_block.resnets.1.time_emb_proj.weight"),
                LdmKeyMapping.unetName("middle_block.2.emb_layers.1.weight", 2));
        assertEquals(Optional.of("down_blocks.1.resnets.0.norm1.weight"),
                LdmKeyMapping.unetName("input_blocks.3.0.in_layers.0.weight", 1));
        assertEquals(Optional.empty(), LdmKeyMapping.unetName("input_blocks.1.0.in_layers.1.weight", 2));
        assertThrows(IllegalArgumentException.class, () -> LdmKeyMapping.unetName("out.0.weight", 0));
    }

    @Test
    void modulePathsConvertLikeTheirWeights() {
        assertEquals(Optional.of("up_blocks.1.resnets.0.conv_shortcut"),
                LdmKeyMapping.unetModulePath("output_blocks.3.0.skip_connection", 2));
        assertEquals(Optional.of("down_blocks.0.attentions.1.transformer_blocks.0.ff.net.0.proj"),
                LdmKeyMapping.unetModulePath("input_blocks.2.1.transformer_blocks.0.ff.net.0.proj", 2));
        assertEquals(Optional.of("time_embedding.linear_2"), LdmKeyMapping.unetModulePath("time_embed.2", 2));
    }
}
