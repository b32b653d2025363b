package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoder stage without attention: each {@code resnets.N} reads the previous output concatenated (on channels) with
 * one skip connection, then optionally {@code upsamplers.0}.
 */
public final class UpBlock2D implements UpBlock {

    private final List<ResnetBlock2D> resnets;
    private final Upsample2D upsampler;

    private UpBlock2D(List<ResnetBlock2D> resnets, Upsample2D upsampler) {
        this.resnets = resnets;
        this.upsampler = upsampler;
    }

    public static UpBlock2D load(Weights weights, UpBlock2DConfig config) {
        return new UpBlock2D(loadResnets(weights, config), loadUpsampler(weights, config));
    }

    static List<ResnetBlock2D> loadResnets(Weights weights, UpBlock2DConfig config) {
        List<ResnetBlock2D> resnets = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            resnets.add(ResnetBlock2D.load(weights.at("resnets").at(i), config.resnet(i)));
        }
        return List.copyOf(resnets);
    }

    static Upsample2D loadUpsampler(Weights weights, UpBlock2DConfig config) {
        return config.addUpsample() ? Upsample2D.load(weights.at("upsamplers").at(0), config.outChannels()) : null;
    }

    /** Concatenates the skip connection that resnet {@code index} consumes: the last ones go first. */
    static NDArray withSkip(NDArray x, List<NDArray> skips, int index) {
        if (skips.size() <= index) {
            throw new IllegalArgumentException("up block needs a skip connection for resnet " + index + ", got "
                    + skips.size());
        }
        return NDArrays.concat(new NDList(x, skips.get(skips.size() - 1 - index)), 1);
    }

    static NDArray upsample(Upsample2D upsampler, NDArray h, long[] upsampleSize) {
        if (upsampler == null) {
            return h;
        }
        NDArray out = upsampleSize == null ? upsampler.forward(h) : upsampler.forward(h, upsampleSize[0],
                upsampleSize[1]);
        h.close();
        return out;
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
            NDArray joined = withSkip(h, skips, i);
            if (h != x) {
                h.close();
            }
            ResnetBlock2D resnet = resnets.get(i);
            h = ScopedForward.run(() -> resnet.forward(joined, timeEmbedding));
            joined.close();
        }
        return upsample(upsampler, h, upsampleSize);
    }
}
