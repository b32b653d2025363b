package com.pawprint.diffusion.vae;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import com.pawprint.diffusion.resnet.ResnetBlock2DConfig;
import com.pawprint.diffusion.unet.Downsample2D;
import com.pawprint.diffusion.unet.ScopedForward;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoder stage: {@code resnets.N} without time embedding, then optionally {@code downsamplers.0} with padding 0
 * (asymmetric right/bottom padding, as in the original LDM encoder).
 */
public final class DownEncoderBlock2D {

    private static final int DOWNSAMPLE_PADDING = 0;

    private final List<ResnetBlock2D> resnets;
    private final Downsample2D downsampler;

    private DownEncoderBlock2D(List<ResnetBlock2D> resnets, Downsample2D downsampler) {
        this.resnets = resnets;
        this.downsampler = downsampler;
    }

    public static DownEncoderBlock2D load(Weights weights, int inChannels, int outChannels, int layers, int groups,
            boolean addDownsample) {
        List<ResnetBlock2D> resnets = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            resnets.add(ResnetBlock2D.load(weights.at("resnets").at(i),
                    new ResnetBlock2DConfig(i == 0 ? inChannels : outChannels, outChannels, 0, groups,
                            VaeConfig.NORM_EPS, 1.0)));
        }
        Downsample2D downsampler = addDownsample
                ? Downsample2D.load(weights.at("downsamplers").at(0), outChannels, DOWNSAMPLE_PADDING)
                : null;
        return new DownEncoderBlock2D(List.copyOf(resnets), downsampler);
    }

    public NDArray forward(NDArray x) {
        NDArray h = x;
        for (ResnetBlock2D resnet : resnets) {
            NDArray input = h;
            NDArray next = ScopedForward.run(() -> resnet.forward(input, null));
            if (h != x) {
                h.close();
            }
            h = next;
        }
        if (downsampler == null) {
            return h;
        }
        NDArray out = downsampler.forward(h);
        h.close();
        return out;
    }
}
