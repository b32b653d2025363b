package com.pawprint.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.Weights;

/**
 * Stable Diffusion's KL autoencoder: {@code encoder} + {@code quant_conv} map an image in [-1, 1] to a latent
 * distribution; {@code post_quant_conv} + {@code decoder} map latents back to an image. The UNet works on
 * {@code latents x scalingFactor}: callers multiply after {@link #encode} and divide before {@link #decode}.
 */
public final class AutoencoderKL {

    private final VaeConfig config;
    private final Encoder encoder;
    private final Decoder decoder;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;

    private AutoencoderKL(VaeConfig config, Encoder encoder, Decoder decoder, Conv2d quantConv, Conv2d postQuantConv) {
        this.config = config;
        this.encoder = encoder;
        this.decoder = decoder;
        this.quantConv = quantConv;
        this.postQuantConv = postQuantConv;
    }

    /** Builds the model from weights named as in a diffusers {@code vae/} checkpoint. */
    public static AutoencoderKL load(Weights weights, VaeConfig config) {
        long moments = 2L * config.latentChannels();
        long latent = config.latentChannels();
        return new AutoencoderKL(
                config,
                Encoder.load(weights.at("encoder"), config),
                Decoder.load(weights.at("decoder"), config),
                config.useQuantConv() ? Conv2d.load(weights.at("quant_conv"), moments, moments, 1, 1, 0, true) : null,
                config.usePostQuantConv() ? Conv2d.load(weights.at("post_quant_conv"), latent, latent, 1, 1, 0, true)
                        : null);
    }

    public VaeConfig config() {
        return config;
    }

    public double scalingFactor() {
        return config.scalingFactor();
    }

    /**
     * @param image (batch, inChannels, H, W) with values in [-1, 1]
     * @return the latent distribution, (batch, latentChannels, H / 8, W / 8) for SD 1.5
     */
    public DiagonalGaussianDistribution encode(NDArray image) {
        requireChannels(image, config.inChannels(), "image");
        NDArray moments = encoder.forward(image);
        if (quantConv == null) {
            return DiagonalGaussianDistribution.of(moments);
        }
        NDArray quantized = quantConv.forward(moments);
        moments.close();
        return DiagonalGaussianDistribution.of(quantized);
    }

    /**
     * @param latents (batch, latentChannels, h, w), already divided by {@link #scalingFactor()}
     * @return (batch, outChannels, h x 8, w x 8) for SD 1.5, roughly in [-1, 1]
     */
    public NDArray decode(NDArray latents) {
        requireChannels(latents, config.latentChannels(), "latents");
        if (postQuantConv == null) {
            return decoder.forward(latents);
        }
        NDArray projected = postQuantConv.forward(latents);
        NDArray image = decoder.forward(projected);
        projected.close();
        return image;
    }

    private static void requireChannels(NDArray x, int channels, String what) {
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels) {
            throw new IllegalArgumentException(what + " must be (batch, " + channels + ", height, width), got " + shape);
        }
    }
}
