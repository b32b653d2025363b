package com.pawprint.diffusion.unet;

import com.pawprint.diffusion.attention.CrossAttentionConfig;
import com.pawprint.diffusion.attention.Transformer2DConfig;

/**
 * How a UNet block's transformers attend; their width and group count come from the block.
 *
 * @param heads attention heads (diffusers' {@code attention_head_dim} in SD 1.5 configs). SD 1.5: 8.
 * @param crossAttentionDim width of the text embeddings. SD 1.5: 768.
 * @param transformerDepth transformer blocks per attention. Default 1.
 * @param useLinearProjection see {@link Transformer2DConfig#useLinearProjection()}. Default false.
 * @param querySliceSize see {@link CrossAttentionConfig#querySliceSize()}
 */
public record AttentionSettings(int heads, int crossAttentionDim, int transformerDepth, boolean useLinearProjection,
        int querySliceSize) {

    public static AttentionSettings of(int heads, int crossAttentionDim) {
        return new AttentionSettings(heads, crossAttentionDim, 1, false, CrossAttentionConfig.DEFAULT_QUERY_SLICE_SIZE);
    }

    public Transformer2DConfig transformer(int channels, int groups) {
        return new Transformer2DConfig(channels, heads, crossAttentionDim, transformerDepth, groups,
                useLinearProjection, querySliceSize);
    }
}
