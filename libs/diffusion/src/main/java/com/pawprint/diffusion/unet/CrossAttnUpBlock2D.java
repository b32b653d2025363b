package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.attention.Transformer2DModel;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoder stage with attention: each {@code resnets.N} (reading the previous output and one skip connection) is
 * followed by {@code attentions.N}; then optionally {@code upsamplers.0}.
 */
public final class CrossAttnUpBlock2D implements UpBlock {

    private final List<ResnetBlock2D> resnets;
    private final List<Transformer2DModel> attentions;
    private final Upsample2D upsampler;

    private CrossAttnUpBlock2D(List<ResnetBlock2D> resnets, List<Transformer2DModel> attentions,
            Upsample2D upsampler) {
        this.resnets = resnets;
        this.attentions = attentions;
        this.upsampler = upsampler;
    }

    public static CrossAttnUpBlock2D load(Weights weights, CrossAttnUpBlock2DConfig config) {
        UpBlock2DConfig block = config.block();
        List<Transformer2DModel> attentions = new ArrayList<>();
        for (int i = 0; i < block.layers(); i++) {
            attentions.add(Transformer2DModel.load(weights.at("attentions").at(i),
                    config.attention().transformer(block.outChannels(), block.groups())));
        }
        return new CrossAttnUpBlock2D(UpBlock2D.loadResnets(weights, block), List.copyOf(attentions),
                UpBlock2D.loadUpsampler(weights, block));
    }

    @Override
    public int skipCount() {
        return resnets.size();
    }

    @Override
    public NDArray forward(NDArray x, List<NDArray> skips, NDArray timeEmbedding, NDArray context,
            long[] upsampleSize) {
        NDArray h = x;
        for (int i = 0; i < resnets.size(); i++) {
            NDArray joined = UpBlock2D.withSkip(h, skips, i);
            ResnetBlock2D resnet = resnets.get(i);
            Transformer2DModel attention = attentions.get(i);
            NDArray residual = ScopedForward.run(() -> resnet.forward(joined, timeEmbedding));
            joined.close();
            if (h != x) {
                h.close();
            }
            h = ScopedForward.run(() -> attention.forward(residual, context));
            residual.close();
        }
        return UpBlock2D.upsample(upsampler, h, upsampleSize);
    }
}
