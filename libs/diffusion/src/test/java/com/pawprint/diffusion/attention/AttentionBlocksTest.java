package com.pawprint.diffusion.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.unet.Golden;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttentionBlocksTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Weights weights(GeneratedTensorSource source) {
        return Weights.of(source, manager, DataType.FLOAT32);
    }

    @Test
    void crossAttentionReadsTheContextWidthAndKeepsTheQueryShape() {
        GeneratedTensorSource source = GeneratedTensorSource.random(1);
        CrossAttention attention = CrossAttention.load(weights(source).at("attn2"),
                CrossAttentionConfig.crossAttention(32, 48, 4));
        NDArray out = attention.forward(manager.randomNormal(new Shape(2, 10, 32)),
                manager.randomNormal(new Shape(2, 7, 48)));
        assertEquals(new Shape(2, 10, 32), out.getShape());
        Map<String, Shape> names = source.requested();
        assertEquals(new Shape(32, 48), names.get("attn2.to_k.weight"));
        assertEquals(new Shape(32), names.get("attn2.to_out.0.bias"));
        assertEquals(5, names.size(), "no bias on to_q/to_k/to_v: " + names.keySet());
    }

    @Test
    void slicingQueriesDoesNotChangeTheResult() {
        NDArray x = manager.randomNormal(new Shape(2, 37, 32));
        NDArray whole = CrossAttention.load(weights(GeneratedTensorSource.random(2)),
                CrossAttentionConfig.selfAttention(32, 4).withQuerySliceSize(0)).forward(x, null);
        NDArray sliced = CrossAttention.load(weights(GeneratedTensorSource.random(2)),
                CrossAttentionConfig.selfAttention(32, 4).withQuerySliceSize(5)).forward(x, null);
        Golden.assertAllClose(whole, sliced, 1e-5, 1e-6);
    }

    @Test
    void feedForwardIsAGegluOfFourTimesTheWidth() {
        GeneratedTensorSource source = GeneratedTensorSource.random(1);
        FeedForward ff = FeedForward.load(weights(source).at("ff"), 16);
        assertEquals(new Shape(3, 5, 16), ff.forward(manager.randomNormal(new Shape(3, 5, 16))).getShape());
        assertEquals(new Shape(128, 16), source.requested().get("ff.net.0.proj.weight"));
        assertEquals(new Shape(16, 64), source.requested().get("ff.net.2.weight"));
    }

    @Test
    void basicTransformerBlockKeepsTheTokenShape() {
        GeneratedTensorSource source = GeneratedTensorSource.random(1);
        BasicTransformerBlock block = BasicTransformerBlock.load(weights(source), 32, 4, 24, 0);
        NDArray out = block.forward(manager.randomNormal(new Shape(2, 12, 32)), manager.randomNormal(new Shape(2, 3, 24)));
        assertEquals(new Shape(2, 12, 32), out.getShape());
        assertEquals(new Shape(32), source.requested().get("norm3.weight"));
    }

    @Test
    void transformer2dProjectsWithConvolutionsOrLinearLayers() {
        NDArray x = manager.randomNormal(new Shape(2, 32, 5, 3));
        NDArray context = manager.randomNormal(new Shape(2, 4, 24));
        GeneratedTensorSource conv = GeneratedTensorSource.random(1);
        Transformer2DConfig config = new Transformer2DConfig(32, 4, 24, 1, 8, false, 0);
        assertEquals(x.getShape(), Transformer2DModel.load(weights(conv), config).forward(x, context).getShape());
        assertEquals(new Shape(32, 32, 1, 1), conv.requested().get("proj_in.weight"));
        assertEquals(new Shape(32, 24), conv.requested().get("transformer_blocks.0.attn2.to_k.weight"));

        GeneratedTensorSource linear = GeneratedTensorSource.random(1);
        Transformer2DConfig linearConfig = new Transformer2DConfig(32, 4, 24, 2, 8, true, 0);
        assertEquals(x.getShape(),
                Transformer2DModel.load(weights(linear), linearConfig).forward(x, context).getShape());
        assertEquals(new Shape(32, 32), linear.requested().get("proj_out.weight"));
        assertEquals(new Shape(32), linear.requested().get("transformer_blocks.1.norm1.weight"));
    }

    @Test
    void vaeAttentionBlockIsSingleHeadWithBiases() {
        GeneratedTensorSource source = GeneratedTensorSource.random(1);
        AttentionBlock block = AttentionBlock.load(weights(source), 16, 8, 1e-6, 7);
        NDArray x = manager.randomNormal(new Shape(1, 16, 4, 6));
        assertEquals(x.getShape(), block.forward(x).getShape());
        assertEquals(new Shape(16), source.requested().get("to_q.bias"));
        assertEquals(new Shape(16), source.requested().get("group_norm.weight"));
    }

    @Test
    void rejectsHeadsThatDoNotDivideTheWidth() {
        assertThrows(IllegalArgumentException.class, () -> CrossAttentionConfig.selfAttention(30, 4));
        assertThrows(IllegalArgumentException.class, () -> new Transformer2DConfig(30, 4, 8, 1, 2, false, 0));
    }
}
