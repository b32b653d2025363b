package com.pawprint.diffusion.attention;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.GroupNorm;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * Spatial transformer: group-norms a feature map, projects it to tokens ({@code proj_in}), runs
 * {@code transformer_blocks}, projects back ({@code proj_out}) and adds the input.
 */
public final class Transformer2DModel {

    private final Transformer2DConfig config;
    private final GroupNorm norm;
    private final Conv2d convProjIn;
    private final Linear linearProjIn;
    private final List<BasicTransformerBlock> blocks;
    private final Conv2d convProjOut;
    private final Linear linearProjOut;

    private Transformer2DModel(Transformer2DConfig config, GroupNorm norm, Conv2d convProjIn, Linear linearProjIn,
            List<BasicTransformerBlock> blocks, Conv2d convProjOut, Linear linearProjOut) {
        this.config = config;
        this.norm = norm;
        this.convProjIn = convProjIn;
        this.linearProjIn = linearProjIn;
        this.blocks = blocks;
        this.convProjOut = convProjOut;
        this.linearProjOut = linearProjOut;
    }

    public static Transformer2DModel load(Weights weights, Transformer2DConfig config) {
        int c = config.channels();
        GroupNorm norm = GroupNorm.load(weights.at("norm"), config.groups(), c, Transformer2DConfig.NORM_EPS);
        boolean linear = config.useLinearProjection();
        Conv2d convIn = linear ? null : Conv2d.load(weights.at("proj_in"), c, c, 1, 1, 0, true);
        Linear linearIn = linear ? Linear.load(weights.at("proj_in"), c, c, true) : null;
        List<BasicTransformerBlock> blocks = new ArrayList<>();
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(BasicTransformerBlock.load(weights.at("transformer_blocks").at(i), c, config.heads(),
                    config.contextDim(), config.querySliceSize()));
        }
        Conv2d convOut = linear ? null : Conv2d.load(weights.at("proj_out"), c, c, 1, 1, 0, true);
        Linear linearOut = linear ? Linear.load(weights.at("proj_out"), c, c, true) : null;
        return new Transformer2DModel(config, norm, convIn, linearIn, List.copyOf(blocks), convOut, linearOut);
    }

    public Transformer2DConfig config() {
        return config;
    }

    /**
     * @param x (batch, channels, height, width)
     * @param context (batch, contextTokens, contextDim)
     * @return (batch, channels, height, width)
     */
    public NDArray forward(NDArray x, NDArray context) {
        long[] shape = x.getShape().getShape();
        long batch = shape[0];
        long channels = shape[1];
        long height = shape[2];
        long width = shape[3];
        NDArray normed = norm.forward(x);
        NDArray tokens = convProjIn != null
                ? toTokens(convProjIn.forward(normed), batch, channels, height, width)
                : linearProjIn.forward(toTokens(normed, batch, channels, height, width));
        for (BasicTransformerBlock block : blocks) {
            NDArray next = block.forward(tokens, context);
            tokens.close();
            tokens = next;
        }
        NDArray projected = convProjOut != null
                ? convProjOut.forward(toMap(tokens, batch, channels, height, width))
                : toMap(linearProjOut.forward(tokens), batch, channels, height, width);
        tokens.close();
        return projected.add(x);
    }

    private static NDArray toTokens(NDArray map, long batch, long channels, long height, long width) {
        return map.transpose(0, 2, 3, 1).reshape(batch, height * width, channels);
    }

    private static NDArray toMap(NDArray tokens, long batch, long channels, long height, long width) {
        return tokens.reshape(batch, height, width, channels).transpose(0, 3, 1, 2);
    }
}
