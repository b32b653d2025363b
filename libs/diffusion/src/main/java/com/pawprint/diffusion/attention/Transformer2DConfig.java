package com.pawprint.diffusion.attention;

/**
 * Shape of one {@link Transformer2DModel} (candle's {@code SpatialTransformerConfig}).
 *
 * @param channels channels of the feature map; also the transformer's inner width, as in every SD 1.5 block
 * @param heads attention heads; {@code channels / heads} is the head width. SD 1.5: 8.
 * @param contextDim width of the text embeddings the cross-attention reads. SD 1.5: 768.
 * @param depth transformer blocks. Default 1.
 * @param groups group-norm groups of {@code norm}. Default 32.
 * @param useLinearProjection {@code proj_in}/{@code proj_out} are linear layers over tokens when true, 1x1
 *     convolutions when false. Default false (SD 1.5).
 * @param querySliceSize see {@link CrossAttentionConfig#querySliceSize()}
 */
public record Transformer2DConfig(
        int channels, int heads, int contextDim, int depth, int groups, boolean useLinearProjection,
        int querySliceSize) {

    /** Epsilon of {@code norm} (fixed in diffusers' Transformer2DModel, independent of the UNet's norm_eps). */
    public static final double NORM_EPS = 1e-6;

    public Transformer2DConfig {
        CrossAttentionConfig.headDimOf(channels, heads);
        if (depth <= 0 || groups <= 0 || channels % groups != 0 || contextDim <= 0 || querySliceSize < 0) {
            throw new IllegalArgumentException("invalid transformer: channels " + channels + ", groups " + groups
                    + ", depth " + depth + ", context " + contextDim + ", slice " + querySliceSize);
        }
    }

    /** Depth 1, 32 groups, convolution projections, default query slicing. */
    public static Transformer2DConfig of(int channels, int heads, int contextDim) {
        return new Transformer2DConfig(channels, heads, contextDim, 1, 32, false,
                CrossAttentionConfig.DEFAULT_QUERY_SLICE_SIZE);
    }
}
