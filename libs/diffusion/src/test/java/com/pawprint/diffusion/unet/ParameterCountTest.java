package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.vae.AutoencoderKL;
import com.pawprint.diffusion.vae.VaeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SD 1.5 configs build, without materialising weights, to the reference parameter counts and names. */
class ParameterCountTest {

    @Test
    void sd15UnetHasTheReferenceParameterCountAndDiffusersNames() {
        GeneratedTensorSource source = GeneratedTensorSource.counting();
        try (NDManager manager = NDManager.newBaseManager()) {
            UNet2DConditionModel.load(Weights.of(source, manager, DataType.FLOAT32), UNet2DConditionConfig.sd15());
        }
        assertEquals(859_520_964L, source.parameterCount());
        Map<String, Shape> names = source.requested();
        assertEquals(686, names.size());
        assertEquals(new Shape(320, 320),
                names.get("down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.weight"));
        assertEquals(new Shape(320, 768),
                names.get("down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.weight"));
        assertEquals(new Shape(2560, 320),
                names.get("down_blocks.0.attentions.0.transformer_blocks.0.ff.net.0.proj.weight"));
        assertEquals(new Shape(320, 1280), names.get("down_blocks.0.attentions.0.transformer_blocks.0.ff.net.2.weight"));
        assertEquals(new Shape(320, 320, 1, 1), names.get("down_blocks.0.attentions.0.proj_in.weight"));
        assertEquals(new Shape(320, 1280), names.get("down_blocks.0.resnets.0.time_emb_proj.weight"));
        assertEquals(new Shape(1280, 1280, 3, 3), names.get("up_blocks.1.upsamplers.0.conv.weight"));
        assertEquals(new Shape(1280, 320), names.get("time_embedding.linear_1.weight"));
        assertEquals(new Shape(320), names.get("conv_norm_out.weight"));
        assertEquals(new Shape(640, 1920, 1, 1), names.get("up_blocks.2.resnets.0.conv_shortcut.weight"));
        assertTrue(names.containsKey("mid_block.attentions.0.transformer_blocks.0.attn1.to_out.0.bias"));
        assertTrue(names.keySet().stream().noneMatch(n -> n.contains("to_q.bias")));
    }

    @Test
    void sd15VaeHasTheReferenceParameterCountAndDiffusersNames() {
        GeneratedTensorSource source = GeneratedTensorSource.counting();
        try (NDManager manager = NDManager.newBaseManager()) {
            AutoencoderKL.load(Weights.of(source, manager, DataType.FLOAT32), VaeConfig.sd15());
        }
        assertEquals(83_653_863L, source.parameterCount());
        assertEquals(34_163_592L, source.parameterCount("encoder."));
        assertEquals(49_490_179L, source.parameterCount("decoder."));
        Map<String, Shape> names = source.requested();
        assertEquals(new Shape(128, 3, 3, 3), names.get("encoder.conv_in.weight"));
        assertEquals(new Shape(128, 128, 3, 3), names.get("encoder.down_blocks.0.resnets.0.conv1.weight"));
        assertEquals(new Shape(512, 512), names.get("encoder.mid_block.attentions.0.to_q.weight"));
        assertEquals(new Shape(512), names.get("decoder.mid_block.attentions.0.to_out.0.bias"));
        assertEquals(new Shape(8, 8, 1, 1), names.get("quant_conv.weight"));
        assertEquals(new Shape(4, 4, 1, 1), names.get("post_quant_conv.weight"));
        assertEquals(new Shape(256, 512, 3, 3), names.get("decoder.up_blocks.2.resnets.0.conv1.weight"));
        assertEquals(new Shape(512, 512, 3, 3), names.get("decoder.up_blocks.0.upsamplers.0.conv.weight"));
    }
}
