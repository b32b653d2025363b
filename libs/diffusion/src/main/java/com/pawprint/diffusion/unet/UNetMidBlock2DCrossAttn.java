package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.attention.Transformer2DModel;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import java.util.ArrayList;
import java.util.List;

/** The UNet's bottleneck: {@code resnets.0}, then {@code attentions.i} and {@code resnets.i+1} pairs. */
public final class UNetMidBlock2DCrossAttn {

    private final List<ResnetBlock2D> resnets;
    private final List<Transformer2DModel> attentions;

    private UNetMidBlock2DCrossAttn(List<ResnetBlock2D> resnets, List<Transformer2DModel> attentions) {
        this.resnets = resnets;
        this.attentions = attentions;
    }

    public static UNetMidBlock2DCrossAttn load(Weights weights, UNetMidBlock2DCrossAttnConfig config) {
        List<ResnetBlock2D> resnets = new ArrayList<>();
        List<Transformer2DModel> attentions = new ArrayList<>();
        resnets.add(ResnetBlock2D.load(weights.at("resnets").at(0), config.resnet()));
        for (int i = 0; i < config.layers(); i++) {
            attentions.add(Transformer2DModel.load(weights.at("attentions").at(i),
                    config.attention().transformer(config.channels(), config.groups())));
            resnets.add(ResnetBlock2D.load(weights.at("resnets").at(i + 1), config.resnet()));
        }
        return new UNetMidBlock2DCrossAttn(List.copyOf(resnets), List.copyOf(attentions));
    }

    /**
     * @param x (batch, channels, h, w)
     * @param timeEmbedding (batch, timeEmbeddingChannels)
     * @param context (batch, tokens, crossAttentionDim)
     */
    public NDArray forward(NDArray x, NDArray timeEmbedding, NDArray context) {
        NDArray h = ScopedForward.run(() -> resnets.get(0).forward(x, timeEmbedding));
        for (int i = 0; i < attentions.size(); i++) {
            NDArray input = h;
            Transformer2DModel attention = attentions.get(i);
            ResnetBlock2D resnet = resnets.get(i + 1);
            NDArray attended = ScopedForward.run(() -> attention.forward(input, context));
            h.close();
            h = ScopedForward.run(() -> resnet.forward(attended, timeEmbedding));
            attended.close();
        }
        return h;
    }
}
