package com.pawprint.diffusion.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.unet.Golden;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResnetBlock2DTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void changesChannelsThroughAConvShortcutAndAddsTheTimeEmbedding() {
        GeneratedTensorSource source = GeneratedTensorSource.random(1);
        ResnetBlock2D block = ResnetBlock2D.load(Weights.of(source, manager, DataType.FLOAT32).at("r"),
                new ResnetBlock2DConfig(16, 32, 64, 8, 1e-5, 1.0));
        NDArray out = block.forward(manager.randomNormal(new Shape(2, 16, 6, 5)), manager.randomNormal(new Shape(2, 64)));
        assertEquals(new Shape(2, 32, 6, 5), out.getShape());
        assertEquals(new Shape(32, 16, 1, 1), source.requested().get("r.conv_shortcut.weight"));
        assertEquals(new Shape(32, 64), source.requested().get("r.time_emb_proj.weight"));
    }

    @Test
    void keepsChannelsWithoutShortcutOrTimeEmbedding() {
        GeneratedTensorSource source = GeneratedTensorSource.random(1);
        ResnetBlock2D block = ResnetBlock2D.load(Weights.of(source, manager, DataType.FLOAT32),
                new ResnetBlock2DConfig(16, 16, 0, 8, 1e-6, 1.0));
        assertEquals(new Shape(1, 16, 4, 4), block.forward(manager.randomNormal(new Shape(1, 16, 4, 4)), null).getShape());
        assertFalse(source.requested().containsKey("conv_shortcut.weight"));
        assertFalse(source.requested().containsKey("time_emb_proj.weight"));
        assertThrows(IllegalArgumentException.class,
                () -> block.forward(manager.randomNormal(new Shape(1, 16, 4, 4)), manager.ones(new Shape(1, 4))));
    }

    @Test
    void dividesTheSumByTheOutputScaleFactor() {
        NDArray x = manager.randomNormal(new Shape(1, 8, 4, 4));
        NDArray temb = manager.randomNormal(new Shape(1, 12));
        NDArray plain = ResnetBlock2D.load(Weights.of(GeneratedTensorSource.random(3), manager, DataType.FLOAT32),
                new ResnetBlock2DConfig(8, 8, 12, 4, 1e-6, 1.0)).forward(x, temb);
        NDArray halved = ResnetBlock2D.load(Weights.of(GeneratedTensorSource.random(3), manager, DataType.FLOAT32),
                new ResnetBlock2DConfig(8, 8, 12, 4, 1e-6, 2.0)).forward(x, temb);
        Golden.assertAllClose(plain.div(2), halved, 1e-6, 1e-7);
    }

    @Test
    void requiresTheTimeEmbeddingItWasBuiltFor() {
        ResnetBlock2D block = ResnetBlock2D.load(Weights.of(GeneratedTensorSource.random(1), manager, DataType.FLOAT32),
                new ResnetBlock2DConfig(8, 8, 12, 4, 1e-6, 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.forward(manager.randomNormal(new Shape(1, 8, 4, 4)), null));
        assertTrue(e.getMessage().contains("time embedding"), e.getMessage());
    }

    @Test
    void rejectsGroupsThatDoNotDivideTheChannels() {
        assertThrows(IllegalArgumentException.class, () -> new ResnetBlock2DConfig(12, 16, 0, 8, 1e-6, 1.0));
    }
}
