package com.pawprint.diffusion.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsSource;
import com.pawprint.diffusion.unet.Golden;
import org.junit.jupiter.api.Test;

/** The tiny VAE against the independent PyTorch reference, on the same F16 weights, computing in fp32. */
class VaeGoldenTest {

    @Test
    void encodesAndDecodesLikeThePyTorchReference() {
        try (SafetensorsSource weightsFile = Golden.open("vae_tiny_weights.safetensors");
                SafetensorsSource io = Golden.open("vae_tiny_io.safetensors");
                NDManager manager = NDManager.newBaseManager()) {
            Weights weights = Weights.of(weightsFile, manager, DataType.FLOAT32);
            AutoencoderKL vae = AutoencoderKL.load(weights, VaeConfig.tiny());
            assertEquals(weightsFile.names(), weights.usedKeys(), "every tensor of the checkpoint is used");

            NDArray moments = io.load("moments", manager);
            try (DiagonalGaussianDistribution latent = vae.encode(io.load("image", manager))) {
                Golden.assertAllClose(moments.get(":, 0:4"), latent.mean(), 1e-4, 1e-5);
                Golden.assertAllClose(moments.get(":, 4:8"), latent.logvar(), 1e-4, 1e-5);
                Golden.assertAllClose(io.load("decoded", manager), vae.decode(latent.mode()), 1e-4, 1e-5);
            }
        }
    }
}
