package com.pawprint.diffusion.vae;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import com.pawprint.diffusion.resnet.ResnetBlock2DConfig;
import com.pawprint.diffusion.unet.ScopedForward;
import com.pawprint.diffusion.unet.Upsample2D;
import java.util.ArrayList;
import java.util.List;

/** Decoder stage: {@code resnets.N} without time embedding, then optionally {@code upsamplers.0}. */
public final class UpDecoderBlock2D {

    private final List<ResnetBlock2D> resnets;
    private final Upsample2D upsampler;

    private UpDecoderBlock2D(List<ResnetBlock2D> resnets, Upsample2D upsampler) {
        this.resnets = resnets;
        this.upsampler = upsampler;
    }

    public static UpDecoderBlock2D load(Weights weights, int inChannels, int outChannels, int layers, int groups,
            boolean addUpsample) {
        List<ResnetBlock2D> resnets = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            resnets.add(ResnetBlock2D.load(weights.at("resnets").at(i),
                    new ResnetBlock2DConfig(i == 0 ? inChannels : outChannels, outChannels, 0, groups,
                            VaeConfig.NORM_EPS, 1.0)));
        }
        Upsample2D upsampler = addUpsample ? Upsample2D.load(weights.at("upsamplers").at(0), outChannels) : null;
        return new UpDecoderBlock2D(List.copyOf(resnets), upsampler);
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
        if (upsampler == null) {
            return h;
        }
        NDArray out = upsampler.forward(h);
        h.close();
        return out;
    }
}
