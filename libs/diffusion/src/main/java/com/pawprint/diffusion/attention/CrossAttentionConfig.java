package com.pawprint.diffusion.attention;

/**
 * Shape of one {@link CrossAttention}.
 *
 * @param queryDim width of the query tokens (the block's channels)
 * @param contextDim width of the key/value tokens: equal to {@code queryDim} for self-attention ({@code attn1}),
 *     the text encoder's width for cross-attention ({@code attn2}; 768 in SD 1.5)
 * @param heads attention heads. SD 1.5 uses 8.
 * @param headDim width of one head; {@code heads * headDim} is the projections' inner width
 * @param querySliceSize queries attended at once, bounding the score matrix to
 *     {@code batch * heads * querySliceSize * keys} floats; 0 attends all queries at once. Default
 *     {@value #DEFAULT_QUERY_SLICE_SIZE}: a 512 px image's 4096-token self-attention then needs 128 MiB per sample
 *     for its scores instead of 512 MiB.
 */
public record CrossAttentionConfig(int queryDim, int contextDim, int heads, int headDim, int querySliceSize) {

    public static final int DEFAULT_QUERY_SLICE_SIZE = 1024;

    public CrossAttentionConfig {
        if (queryDim <= 0 || contextDim <= 0 || heads <= 0 || headDim <= 0 || querySliceSize < 0) {
            throw new IllegalArgumentException("invalid attention shape: query " + queryDim + ", context " + contextDim
                    + ", heads " + heads + ", head dim " + headDim + ", slice " + querySliceSize);
        }
    }

    public static CrossAttentionConfig selfAttention(int dim, int heads) {
        return new CrossAttentionConfig(dim, dim, heads, headDimOf(dim, heads), DEFAULT_QUERY_SLICE_SIZE);
    }

    public static CrossAttentionConfig crossAttention(int dim, int contextDim, int heads) {
        return new CrossAttentionConfig(dim, contextDim, heads, headDimOf(dim, heads), DEFAULT_QUERY_SLICE_SIZE);
    }

    public CrossAttentionConfig withQuerySliceSize(int size) {
        return new CrossAttentionConfig(queryDim, contextDim, heads, headDim, size);
    }

    public int innerDim() {
        return heads * headDim;
    }

    static int headDimOf(int dim, int heads) {
        if (heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide " + dim + " channels");
        }
        return dim / heads;
    }
}
