package com.pawprint.diffusion.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.clip.ClipTextConfig;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.unet.UNet2DConditionConfig;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import com.pawprint.diffusion.vae.AutoencoderKL;
import com.pawprint.diffusion.vae.VaeConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every tensor of a real SD 1.5 single file maps to a diffusers name that the SD 1.5 models read, shapes included. */
class Sd15SingleFileMappingTest {

    @Test
    void allAnchorTensorsMapAndAreConsumedBySd15Models() {
        Sd15LdmAnchor anchor = Sd15LdmAnchor.load();
        assertEquals(1130, anchor.names().size());
        try (NDManager manager = NDManager.newBaseManager();
                StableDiffusionCheckpoint checkpoint =
                        StableDiffusionCheckpoint.singleFile(Path.of("sd15-tensors.txt"), anchor, List.of())) {
            assertEquals(686, checkpoint.unet().names().size());
            assertEquals(248, checkpoint.vae().names().size());
            assertEquals(196, checkpoint.textEncoder().names().size());
            CheckpointSummary summary = CheckpointSummary.of(checkpoint);
            assertEquals(new CheckpointSummary.ComponentSummary(686, 859_520_964L),
                    summary.components().get(StableDiffusionCheckpoint.Component.UNET));
            assertEquals(new CheckpointSummary.ComponentSummary(248, 83_653_863L),
                    summary.components().get(StableDiffusionCheckpoint.Component.VAE));
            assertEquals(new CheckpointSummary.ComponentSummary(196, 123_060_480L),
                    summary.components().get(StableDiffusionCheckpoint.Component.TEXT_ENCODER));
            assertEquals(1_066_235_307L, summary.totalParameters());
            assertEquals(CheckpointFormat.LDM_SINGLE_FILE, summary.format());
            Weights text = Weights.of(checkpoint.textEncoder(), manager, DataType.FLOAT32);
            Weights unet = Weights.of(checkpoint.unet(), manager, DataType.FLOAT32);
            Weights vae = Weights.of(checkpoint.vae(), manager, DataType.FLOAT32);
            ClipTextModel.load(text, ClipTextConfig.sd15());
            UNet2DConditionModel.load(unet, UNet2DConditionConfig.sd15());
            AutoencoderKL.load(vae, VaeConfig.sd15());

            assertEquals(List.of(), checkpoint.unusedKeys(text, unet, vae));
            assertEquals(checkpoint.unet().names(), unet.usedKeys());
            assertEquals(new Shape(512, 512), checkpoint.vae().info("decoder.mid_block.attentions.0.to_out.0.weight")
                    .shape());
            assertEquals("first_stage_model.decoder.up.3.block.0.conv1.weight",
                    ((RenamedTensorSource) checkpoint.vae()).sourceKey("decoder.up_blocks.0.resnets.0.conv1.weight"));
            assertEquals("model.diffusion_model.output_blocks.8.2.conv.weight",
                    ((RenamedTensorSource) checkpoint.unet()).sourceKey("up_blocks.2.upsamplers.0.conv.weight"));
            assertTrue(checkpoint.unusedKeys(text).contains("model.diffusion_model.out.2.weight"));
            assertEquals(192, unet.registry().matching(path -> path.contains(".attentions.")).size());
            assertEquals(72, text.registry().size());
        }
    }
}
