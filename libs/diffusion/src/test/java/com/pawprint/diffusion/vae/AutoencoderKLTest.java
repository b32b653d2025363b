package com.pawprint.diffusion.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.schedulers.NoiseSource;
import com.pawprint.diffusion.unet.Golden;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutoencoderKLTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private AutoencoderKL tiny(long seed) {
        return AutoencoderKL.load(Weights.of(GeneratedTensorSource.random(seed), manager, DataType.FLOAT32),
                VaeConfig.tiny());
    }

    @Test
    void encodesEightfoldSmallerLatentsAndDecodesBackToImageSize() {
        AutoencoderKL vae = tiny(1);
        assertEquals(8, vae.config().downscaleFactor());
        try (NDManager step = manager.newSubManager()) {
            NDArray image = step.randomUniform(-1f, 1f, new Shape(2, 3, 32, 24));
            try (DiagonalGaussianDistribution latent = vae.encode(image)) {
                assertEquals(new Shape(2, 4, 4, 3), latent.mean().getShape());
                assertEquals(new Shape(2, 3, 32, 24), vae.decode(latent.sample(NoiseSource.seeded(3))).getShape());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> vae.encode(manager.zeros(new Shape(1, 4, 32, 32))));
        assertThrows(IllegalArgumentException.class, () -> vae.decode(manager.zeros(new Shape(1, 3, 4, 4))));
    }

    @Test
    void decodingIsDeterminedByTheSeed() {
        NDArray latents = manager.randomNormal(new Shape(1, 4, 4, 4));
        float[] first = tiny(5).decode(latents).toFloatArray();
        assertArrayEquals(first, tiny(5).decode(latents).toFloatArray(), 0f);
        assertFalse(Arrays.equals(first, tiny(6).decode(latents).toFloatArray()));
    }

    @Test
    void distributionClampsTheLogVarianceAndSamplesReproducibly() {
        NDArray parameters = manager.create(new float[] {0.5f, -2f, 100f, -100f}, new Shape(1, 4, 1, 1));
        try (DiagonalGaussianDistribution latent = DiagonalGaussianDistribution.of(parameters)) {
            assertArrayEquals(new float[] {0.5f, -2f}, latent.mode().toFloatArray(), 0f);
            assertArrayEquals(new float[] {20f, -30f}, latent.logvar().toFloatArray(), 0f);
            assertArrayEquals(new float[] {(float) Math.exp(10), (float) Math.exp(-15)}, latent.std().toFloatArray(),
                    1e-2f);
            NDArray noise = manager.create(new float[] {1f, -1f}, new Shape(1, 2, 1, 1));
            Golden.assertAllClose(latent.mean().add(latent.std().mul(noise)), latent.sample(noise), 1e-6, 0);
            assertArrayEquals(latent.sample(NoiseSource.seeded(9)).toFloatArray(),
                    latent.sample(NoiseSource.seeded(9)).toFloatArray(), 0f);
            assertThrows(IllegalArgumentException.class, () -> latent.sample(manager.zeros(new Shape(2))));
        }
        assertThrows(IllegalArgumentException.class,
                () -> DiagonalGaussianDistribution.of(manager.zeros(new Shape(1, 3, 2, 2))));
    }

    @Test
    void blocksKeepTheirDocumentedShapes() {
        GeneratedTensorSource source = GeneratedTensorSource.random(2);
        Weights weights = Weights.of(source, manager, DataType.FLOAT32);
        NDArray x = manager.randomNormal(new Shape(1, 16, 6, 6));
        assertEquals(new Shape(1, 32, 3, 3),
                DownEncoderBlock2D.load(weights.at("down"), 16, 32, 2, 8, true).forward(x).getShape());
        assertEquals(new Shape(1, 32, 12, 12),
                UpDecoderBlock2D.load(weights.at("up"), 16, 32, 3, 8, true).forward(x).getShape());
        assertEquals(x.getShape(), UNetMidBlock2D.load(weights.at("mid"), 16, 8).forward(x).getShape());
        assertEquals(new Shape(32, 16, 1, 1), source.requested().get("up.resnets.0.conv_shortcut.weight"));
        assertEquals(new Shape(16), source.requested().get("mid.attentions.0.to_v.bias"));
    }

    @Test
    void readsTheSd15ConfigJsonAndRejectsOtherBlockTypes() {
        String sd15 = """
                {
                  "_class_name": "AutoencoderKL",
                  "_diffusers_version": "0.6.0",
                  "act_fn": "silu",
                  "block_out_channels": [128, 256, 512, 512],
                  "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D",
                                       "DownEncoderBlock2D"],
                  "in_channels": 3,
                  "latent_channels": 4,
                  "layers_per_block": 2,
                  "norm_num_groups": 32,
                  "out_channels": 3,
                  "sample_size": 512,
                  "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"]
                }
                """;
        assertEquals(VaeConfig.sd15(), VaeConfig.fromJson(sd15));
        assertEquals(List.of(16, 32, 32, 32), VaeConfig.fromJson(
                "{\"block_out_channels\": [16, 32, 32, 32], \"norm_num_groups\": 8}").blockOutChannels());
        assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.fromJson("{\"down_block_types\": [\"DownBlock2D\"]}"));
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson("{\"shift_factor\": 0.0609}"));
    }
}
