package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UNetBlocksTest {

    private static final AttentionSettings ATTENTION = new AttentionSettings(4, 24, 1, false, 0);

    private NDManager manager;
    private GeneratedTensorSource source;
    private Weights weights;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        source = GeneratedTensorSource.random(5);
        weights = Weights.of(source, manager, DataType.FLOAT32);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray randn(long... shape) {
        return manager.randomNormal(new Shape(shape));
    }

    @Test
    void timestepFeaturesAreCosinesThenSinesOfGeometricFrequencies() {
        NDArray features = new Timesteps(8, true, 0).forward(manager.create(new float[] {0f, 10f}));
        assertEquals(new Shape(2, 8), features.getShape());
        float[] f = features.toFloatArray();
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(f, 0, 8), 1e-7f);
        for (int i = 0; i < 4; i++) {
            double angle = 10 * Math.exp(-Math.log(10000) * i / 4);
            assertEquals(Math.cos(angle), f[8 + i], 1e-5);
            assertEquals(Math.sin(angle), f[12 + i], 1e-5);
        }
        float[] unflipped = new Timesteps(8, false, 1).forward(manager.create(new float[] {10f})).toFloatArray();
        assertEquals(Math.sin(10 * Math.exp(-Math.log(10000) / 3)), unflipped[1], 1e-5);
        assertEquals(new Shape(1, 7), new Timesteps(7, true, 0).forward(manager.create(new float[] {3f})).getShape());
    }

    @Test
    void timestepEmbeddingWidensTheFeatures() {
        TimestepEmbedding embedding = TimestepEmbedding.load(weights.at("time_embedding"), 8, 32);
        assertEquals(new Shape(3, 32), embedding.forward(randn(3, 8)).getShape());
        assertEquals(new Shape(32, 32), source.requested().get("time_embedding.linear_2.weight"));
    }

    @Test
    void downsamplingHalvesTheSizeWithSymmetricOrRightBottomPadding() {
        assertEquals(new Shape(1, 8, 4, 3), Downsample2D.load(weights.at("a"), 8, 1).forward(randn(1, 8, 8, 5)).getShape());
        assertEquals(new Shape(1, 8, 3, 2), Downsample2D.load(weights.at("b"), 8, 0).forward(randn(1, 8, 7, 5)).getShape());
        assertEquals(new Shape(8, 8, 3, 3), source.requested().get("b.conv.weight"));
        assertThrows(IllegalArgumentException.class, () -> Downsample2D.load(weights, 8, 2));
    }

    @Test
    void upsamplingDoublesOrMatchesTheSkipSize() {
        Upsample2D up = Upsample2D.load(weights.at("up"), 8);
        assertEquals(new Shape(2, 8, 6, 4), up.forward(randn(2, 8, 3, 2)).getShape());
        assertEquals(new Shape(2, 8, 5, 3), up.forward(randn(2, 8, 3, 2), 5, 3).getShape());
    }

    @Test
    void downBlocksEmitOneSkipPerResnetPlusTheDownsampledState() {
        NDArray temb = randn(2, 40);
        NDArray context = randn(2, 3, 24);
        DownBlock2DConfig config = new DownBlock2DConfig(16, 32, 40, 2, 8, 1e-5, true, 1);
        DownBlock.Output plain = DownBlock2D.load(weights.at("plain"), config).forward(randn(2, 16, 8, 8), temb, null);
        assertEquals(new Shape(2, 32, 4, 4), plain.hidden().getShape());
        assertEquals(List.of(new Shape(2, 32, 8, 8), new Shape(2, 32, 8, 8), new Shape(2, 32, 4, 4)),
                plain.skips().stream().map(NDArray::getShape).toList());

        DownBlock.Output attn = CrossAttnDownBlock2D.load(weights.at("attn"),
                new CrossAttnDownBlock2DConfig(config.withDownsample(false), ATTENTION))
                .forward(randn(2, 16, 8, 8), temb, context);
        assertEquals(new Shape(2, 32, 8, 8), attn.hidden().getShape());
        assertEquals(2, attn.skips().size());
        assertEquals(new Shape(32, 24), source.requested().get("attn.attentions.1.transformer_blocks.0.attn2.to_v.weight"));
    }

    @Test
    void midBlockKeepsTheShape() {
        UNetMidBlock2DCrossAttn mid = UNetMidBlock2DCrossAttn.load(weights.at("mid_block"),
                new UNetMidBlock2DCrossAttnConfig(32, 40, 1, 8, 1e-5, 1.0, ATTENTION));
        NDArray x = randn(2, 32, 4, 4);
        assertEquals(x.getShape(), mid.forward(x, randn(2, 40), randn(2, 3, 24)).getShape());
        assertEquals(new Shape(32, 32, 3, 3), source.requested().get("mid_block.resnets.1.conv2.weight"));
    }

    @Test
    void upBlocksConsumeTheirSkipsLastFirstAndUpsample() {
        NDArray temb = randn(1, 40);
        UpBlock2DConfig config = new UpBlock2DConfig(16, 64, 32, 40, 3, 8, 1e-5, true);
        List<NDArray> skips = List.of(randn(1, 16, 4, 4), randn(1, 32, 4, 4), randn(1, 32, 4, 4));
        UpBlock plain = UpBlock2D.load(weights.at("plain"), config);
        assertEquals(3, plain.skipCount());
        assertEquals(new Shape(1, 32, 8, 8), plain.forward(randn(1, 64, 4, 4), skips, temb, null, null).getShape());
        assertEquals(new Shape(1, 32, 9, 7),
                plain.forward(randn(1, 64, 4, 4), skips, temb, null, new long[] {9, 7}).getShape());
        assertEquals(new Shape(32, 96, 3, 3), source.requested().get("plain.resnets.0.conv1.weight"));
        assertEquals(new Shape(32, 48, 1, 1), source.requested().get("plain.resnets.2.conv_shortcut.weight"));

        UpBlock attn = CrossAttnUpBlock2D.load(weights.at("attn"),
                new CrossAttnUpBlock2DConfig(config.withUpsample(false), ATTENTION));
        assertEquals(new Shape(1, 32, 4, 4),
                attn.forward(randn(1, 64, 4, 4), skips, temb, randn(1, 3, 24), null).getShape());
        assertThrows(IllegalArgumentException.class,
                () -> attn.forward(randn(1, 64, 4, 4), skips.subList(0, 2), temb, randn(1, 3, 24), null));
    }
}
