package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.attention.Transformer2DModel;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoder stage with attention: {@code resnets.N} each followed by {@code attentions.N}, then optionally
 * {@code downsamplers.0}.
 */
public final class CrossAttnDownBlock2D implements DownBlock {

    private final List<ResnetBlock2D> resnets;
    private final List<Transformer2DModel> attentions;
    private final Downsample2D downsampler;

    private CrossAttnDownBlock2D(List<ResnetBlock2D> resnets, List<Transformer2DModel> attentions,
            Downsample2D downsampler) {
        this.resnets = resnets;
        this.attentions = attentions;
        this.downsampler = downsampler;
    }

    public static CrossAttnDownBlock2D load(Weights weights, CrossAttnDownBlock2DConfig config) {
        DownBlock2DConfig block = config.block();
        List<Transformer2DModel> attentions = new ArrayList<>();
        for (int i = 0; i < block.layers(); i++) {
            attentions.add(Transformer2DModel.load(weights.at("attentions").at(i),
                    config.attention().transformer(block.outChannels(), block.groups())));
        }
        return new CrossAttnDownBlock2D(DownBlock2D.loadResnets(weights, block), List.copyOf(attentions),
                DownBlock2D.loadDownsampler(weights, block));
    }

    @Override
    public Output forward(NDArray x, NDArray timeEmbedding, NDArray context) {
        List<NDArray> skips = new ArrayList<>();
        NDArray h = x;
        for (int i = 0; i < resnets.size(); i++) {
            NDArray input = h;
            ResnetBlock2D resnet = resnets.get(i);
            Transformer2DModel attention = attentions.get(i);
            NDArray residual = ScopedForward.run(() -> resnet.forward(input, timeEmbedding));
            h = ScopedForward.run(() -> attention.forward(residual, context));
            residual.close();
            skips.add(h);
        }
        if (downsampler != null) {
            h = downsampler.forward(h);
            skips.add(h);
        }
        return new Output(h, skips);
    }
}
