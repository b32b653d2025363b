package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.resnet.ResnetBlock2D;
import java.util.ArrayList;
import java.util.List;

/** Encoder stage without attention: {@code resnets.N}, then optionally {@code downsamplers.0}. */
public final class DownBlock2D implements DownBlock {

    private final List<ResnetBlock2D> resnets;
    private final Downsample2D downsampler;

    private DownBlock2D(List<ResnetBlock2D> resnets, Downsample2D downsampler) {
        this.resnets = resnets;
        this.downsampler = downsampler;
    }

    public static DownBlock2D load(Weights weights, DownBlock2DConfig config) {
        return new DownBlock2D(loadResnets(weights, config), loadDownsampler(weights, config));
    }

    static List<ResnetBlock2D> loadResnets(Weights weights, DownBlock2DConfig config) {
        List<ResnetBlock2D> resnets = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            resnets.add(ResnetBlock2D.load(weights.at("resnets").at(i), config.resnet(i)));
        }
        return List.copyOf(resnets);
    }

    static Downsample2D loadDownsampler(Weights weights, DownBlock2DConfig config) {
        return config.addDownsample()
                ? Downsample2D.load(weights.at("downsamplers").at(0), config.outChannels(), config.downsamplePadding())
                : null;
    }

    @Override
    public Output forward(NDArray x, NDArray timeEmbedding, NDArray context) {
        List<NDArray> skips = new ArrayList<>();
        NDArray h = x;
        for (ResnetBlock2D resnet : resnets) {
            NDArray input = h;
            h = ScopedForward.run(() -> resnet.forward(input, timeEmbedding));
            skips.add(h);
        }
        if (downsampler != null) {
            h = downsampler.forward(h);
            skips.add(h);
        }
        return new Output(h, skips);
    }
}
