package com.pawprint.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.loader.CheckpointFormat;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.loader.StableDiffusionCheckpoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @TempDir
    Path dir;

    private static BufferedImage render(StableDiffusion model) {
        return model.generate(Txt2ImgTest.tiny("a small dog").negativePrompt("blurry").build()).images().get(0);
    }

    @Test
    void theSameWeightsAsDiffusersFolderAndAsLdmSingleFileRenderIdenticalImages() throws IOException {
        ModelConfigs tiny = ModelConfigs.tiny();
        Path folder;
        Path single;
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelFiles.GeneratedWeights weights = ModelFiles.generate(tiny, 5, manager);
            folder = ModelFiles.writeDiffusersFolder(dir.resolve("tiny"), tiny, weights);
            single = ModelFiles.writeSingleFile(dir.resolve("tiny.safetensors"), tiny, weights);
        }
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(single)) {
            assertEquals(CheckpointFormat.LDM_SINGLE_FILE, checkpoint.format());
            assertTrue(checkpoint.metadata().containsKey(ModelFiles.CONFIG_METADATA_KEY));
            assertEquals(tiny, ModelFiles.declaredConfigs(checkpoint));
        }
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(folder)) {
            assertEquals(tiny, ModelFiles.declaredConfigs(checkpoint));
        }

        BufferedImage fromFolder;
        BufferedImage fromSingleFile;
        BufferedImage generated;
        try (StableDiffusion model = StableDiffusion.load(folder, ComputeDevice.cpu())) {
            assertEquals(tiny, model.configs());
            fromFolder = render(model);
        }
        try (StableDiffusion model = StableDiffusion.load(single, ComputeDevice.cpu())) {
            fromSingleFile = render(model);
        }
        try (StableDiffusion model = StableDiffusion.random(tiny, 5, ComputeDevice.cpu())) {
            generated = render(model);
        }
        assertArrayEquals(Txt2ImgTest.pixels(fromFolder), Txt2ImgTest.pixels(fromSingleFile));
        assertArrayEquals(Txt2ImgTest.pixels(generated), Txt2ImgTest.pixels(fromFolder),
                "the files hold exactly the weights StableDiffusion.random builds");
    }
}
