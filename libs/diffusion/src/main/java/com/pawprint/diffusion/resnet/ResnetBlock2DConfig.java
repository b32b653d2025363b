package com.pawprint.diffusion.resnet;

/**
 * Shape of one {@link ResnetBlock2D} (diffusers {@code ResnetBlock2D}, SiLU activation, "default" time-embedding
 * norm).
 *
 * @param inChannels channels of the input
 * @param outChannels channels of the output; a 1x1 {@code conv_shortcut} projects the skip path when it differs
 *     from {@code inChannels}
 * @param timeEmbeddingChannels width of the time embedding added after {@code conv1}; 0 means the block has no
 *     {@code time_emb_proj} (the VAE's blocks). Default 512.
 * @param groups group-norm groups of {@code norm1} and {@code norm2}. Default 32.
 * @param eps group-norm epsilon. Default 1e-6 (the UNet passes its {@code norm_eps}, 1e-5 for SD 1.5).
 * @param outputScaleFactor the sum of skip and residual is divided by this. Default 1.
 */
public record ResnetBlock2DConfig(
        int inChannels, int outChannels, int timeEmbeddingChannels, int groups, double eps, double outputScaleFactor) {

    public static final int DEFAULT_TIME_EMBEDDING_CHANNELS = 512;
    public static final int DEFAULT_GROUPS = 32;
    public static final double DEFAULT_EPS = 1e-6;

    public ResnetBlock2DConfig {
        if (inChannels <= 0 || outChannels <= 0 || timeEmbeddingChannels < 0) {
            throw new IllegalArgumentException("channels must be positive: in " + inChannels + ", out " + outChannels
                    + ", time embedding " + timeEmbeddingChannels);
        }
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(
                    groups + " groups do not divide " + inChannels + " and " + outChannels + " channels");
        }
    }

    /** A block with the documented defaults. */
    public static ResnetBlock2DConfig of(int inChannels, int outChannels) {
        return new ResnetBlock2DConfig(
                inChannels, outChannels, DEFAULT_TIME_EMBEDDING_CHANNELS, DEFAULT_GROUPS, DEFAULT_EPS, 1.0);
    }

    public boolean hasTimeEmbedding() {
        return timeEmbeddingChannels > 0;
    }

    public boolean usesConvShortcut() {
        return inChannels != outChannels;
    }
}
