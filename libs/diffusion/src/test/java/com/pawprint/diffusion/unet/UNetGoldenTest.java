package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsSource;
import org.junit.jupiter.api.Test;

/** The tiny UNet against the independent PyTorch reference, on the same F16 weights, computing in fp32. */
class UNetGoldenTest {

    @Test
    void matchesThePyTorchReference() {
        try (SafetensorsSource weightsFile = Golden.open("unet_tiny_weights.safetensors");
                SafetensorsSource io = Golden.open("unet_tiny_io.safetensors");
                NDManager manager = NDManager.newBaseManager()) {
            Weights weights = Weights.of(weightsFile, manager, DataType.FLOAT32);
            UNet2DConditionModel unet = UNet2DConditionModel.load(weights, UNet2DConditionConfig.tiny());
            assertEquals(weightsFile.names(), weights.usedKeys(), "every tensor of the checkpoint is used");

            NDArray out = unet.forward(io.load("sample", manager), io.load("timestep", manager),
                    io.load("encoder_hidden_states", manager));
            Golden.assertAllClose(io.load("out", manager), out, 1e-4, 1e-5);

            NDArray context = io.load("encoder_hidden_states", manager).get("0:1");
            NDArray oddOut = unet.forward(io.load("odd_sample", manager), manager.create(500f), context);
            Golden.assertAllClose(io.load("odd_out", manager), oddOut, 1e-4, 1e-5);
        }
    }
}
