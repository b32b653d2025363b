package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.Activations;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.GroupNorm;
import com.pawprint.diffusion.nn.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * The denoising UNet of Stable Diffusion 1.x: predicts the noise in a latent {@code sample} at a timestep,
 * conditioned on text embeddings. Weight paths are diffusers' ({@code conv_in}, {@code time_embedding},
 * {@code down_blocks.i}, {@code mid_block}, {@code up_blocks.i}, {@code conv_norm_out}, {@code conv_out}).
 *
 * <p>Each block runs in its own {@link ai.djl.ndarray.NDScope}, so a forward pass holds only the skip connections
 * and one block's intermediates at a time. Callers still wrap the call in a scope or sub-manager for the result.
 */
public final class UNet2DConditionModel {

    private final UNet2DConditionConfig config;
    private final Conv2d convIn;
    private final Timesteps timeProj;
    private final TimestepEmbedding timeEmbedding;
    private final List<DownBlock> downBlocks;
    private final UNetMidBlock2DCrossAttn midBlock;
    private final List<UpBlock> upBlocks;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    private UNet2DConditionModel(UNet2DConditionConfig config, Conv2d convIn, Timesteps timeProj,
            TimestepEmbedding timeEmbedding, List<DownBlock> downBlocks, UNetMidBlock2DCrossAttn midBlock,
            List<UpBlock> upBlocks, GroupNorm convNormOut, Conv2d convOut) {
        this.config = config;
        this.convIn = convIn;
        this.timeProj = timeProj;
        this.timeEmbedding = timeEmbedding;
        this.downBlocks = downBlocks;
        this.midBlock = midBlock;
        this.upBlocks = upBlocks;
        this.convNormOut = convNormOut;
        this.convOut = convOut;
    }

    /** Builds the model from weights named as in a diffusers {@code unet/} checkpoint. */
    public static UNet2DConditionModel load(Weights weights, UNet2DConditionConfig config) {
        List<Integer> channels = config.blockOutChannels();
        int stages = channels.size();
        int base = channels.get(0);
        int temb = config.timeEmbeddingChannels();
        int groups = config.normNumGroups();
        double eps = config.normEps();

        List<DownBlock> down = new ArrayList<>();
        int output = base;
        for (int i = 0; i < stages; i++) {
            int input = output;
            output = channels.get(i);
            DownBlock2DConfig block = new DownBlock2DConfig(input, output, temb, config.layersPerBlock(), groups, eps,
                    i < stages - 1, config.downsamplePadding());
            Weights w = weights.at("down_blocks").at(i);
            down.add(config.downBlockTypes().get(i).equals(UNet2DConditionConfig.CROSS_ATTN_DOWN)
                    ? CrossAttnDownBlock2D.load(w, new CrossAttnDownBlock2DConfig(block, attention(config, i)))
                    : DownBlock2D.load(w, block));
        }

        UNetMidBlock2DCrossAttn mid = UNetMidBlock2DCrossAttn.load(weights.at("mid_block"),
                new UNetMidBlock2DCrossAttnConfig(channels.get(stages - 1), temb, 1, groups, eps,
                        config.midBlockScaleFactor(), attention(config, stages - 1)));

        List<UpBlock> up = new ArrayList<>();
        output = channels.get(stages - 1);
        for (int i = 0; i < stages; i++) {
            int reversed = stages - 1 - i;
            int previous = output;
            output = channels.get(reversed);
            int input = channels.get(Math.max(reversed - 1, 0));
            UpBlock2DConfig block = new UpBlock2DConfig(input, previous, output, temb, config.layersPerBlock() + 1,
                    groups, eps, i < stages - 1);
            Weights w = weights.at("up_blocks").at(i);
            up.add(config.upBlockTypes().get(i).equals(UNet2DConditionConfig.CROSS_ATTN_UP)
                    ? CrossAttnUpBlock2D.load(w, new CrossAttnUpBlock2DConfig(block, attention(config, reversed)))
                    : UpBlock2D.load(w, block));
        }

        return new UNet2DConditionModel(
                config,
                Conv2d.load(weights.at("conv_in"), config.inChannels(), base, 3, 1, 1, true),
                new Timesteps(base, config.flipSinToCos(), config.freqShift()),
                TimestepEmbedding.load(weights.at("time_embedding"), base, temb),
                List.copyOf(down),
                mid,
                List.copyOf(up),
                GroupNorm.load(weights.at("conv_norm_out"), groups, base, eps),
                Conv2d.load(weights.at("conv_out"), base, config.outChannels(), 3, 1, 1, true));
    }

    private static AttentionSettings attention(UNet2DConditionConfig config, int stage) {
        return new AttentionSettings(config.attentionHeads().get(stage), config.crossAttentionDim(), 1,
                config.useLinearProjection(), config.querySliceSize());
    }

    public UNet2DConditionConfig config() {
        return config;
    }

    /**
     * @param sample (batch, inChannels, h, w) noisy latents
     * @param timestep a scalar, (1) or (batch) diffusion timesteps
     * @param encoderHiddenStates (batch, tokens, crossAttentionDim) text embeddings
     * @return (batch, outChannels, h, w), the prediction (epsilon for SD 1.5)
     */
    public NDArray forward(NDArray sample, NDArray timestep, NDArray encoderHiddenStates) {
        long batch = checkInputs(sample, encoderHiddenStates);
        NDArray timesteps = batchOf(timestep, batch);
        NDArray temb = ScopedForward.run(() -> timeEmbedding.forward(
                timeProj.forward(timesteps).toType(sample.getDataType(), false)));
        NDArray context = encoderHiddenStates;

        List<NDArray> skips = new ArrayList<>();
        NDArray h = ScopedForward.run(() -> convIn.forward(
                config.centerInputSample() ? sample.mul(2).sub(1) : sample));
        skips.add(h);
        for (DownBlock block : downBlocks) {
            NDArray input = h;
            DownBlock.Output out = ScopedForward.run(() -> block.forward(input, temb, context),
                    DownBlock.Output::arrays);
            skips.addAll(out.skips());
            h = out.hidden();
        }

        NDArray midInput = h;
        h = ScopedForward.run(() -> midBlock.forward(midInput, temb, context));

        for (int i = 0; i < upBlocks.size(); i++) {
            UpBlock block = upBlocks.get(i);
            List<NDArray> consumed = new ArrayList<>(skips.subList(skips.size() - block.skipCount(), skips.size()));
            skips.subList(skips.size() - block.skipCount(), skips.size()).clear();
            // The next skip's size, so odd latent sizes upsample back to exactly what the encoder saw.
            long[] upsampleSize = skips.isEmpty() ? null : spatialSize(skips.get(skips.size() - 1));
            NDArray input = h;
            h = ScopedForward.run(() -> block.forward(input, consumed, temb, context, upsampleSize));
            input.close();
            consumed.forEach(NDArray::close);
        }

        NDArray last = h;
        NDArray out = ScopedForward.run(() -> convOut.forward(Activations.silu(convNormOut.forward(last))));
        last.close();
        temb.close();
        if (timesteps != timestep) {
            timesteps.close();
        }
        return out;
    }

    private long checkInputs(NDArray sample, NDArray encoderHiddenStates) {
        Shape s = sample.getShape();
        if (s.dimension() != 4 || s.get(1) != config.inChannels()) {
            throw new IllegalArgumentException(
                    "sample must be (batch, " + config.inChannels() + ", height, width), got " + s);
        }
        Shape c = encoderHiddenStates.getShape();
        if (c.dimension() != 3 || c.get(0) != s.get(0) || c.get(2) != config.crossAttentionDim()) {
            throw new IllegalArgumentException("encoderHiddenStates must be (" + s.get(0) + ", tokens, "
                    + config.crossAttentionDim() + "), got " + c);
        }
        return s.get(0);
    }

    private static NDArray batchOf(NDArray timestep, long batch) {
        long size = timestep.size();
        if (size == batch && timestep.getShape().dimension() == 1) {
            return timestep;
        }
        if (size != 1) {
            throw new IllegalArgumentException(
                    "timestep must be a scalar or hold one value per sample (" + batch + "), got "
                            + timestep.getShape());
        }
        return timestep.toType(DataType.FLOAT32, true).reshape(1).repeat(0, batch);
    }

    private static long[] spatialSize(NDArray x) {
        long[] shape = x.getShape().getShape();
        return new long[] {shape[2], shape[3]};
    }
}
