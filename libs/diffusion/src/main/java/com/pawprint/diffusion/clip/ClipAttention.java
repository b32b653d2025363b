package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Attention;
import com.pawprint.diffusion.nn.Linear;
import com.pawprint.diffusion.nn.Weights;

/** CLIP self-attention ({@code self_attn}): q/k/v/out projections with biases, all LoRA targets. */
public final class ClipAttention {

    private final int heads;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear outProj;

    private ClipAttention(int heads, Linear qProj, Linear kProj, Linear vProj, Linear outProj) {
        this.heads = heads;
        this.qProj = qProj;
        this.kProj = kProj;
        this.vProj = vProj;
        this.outProj = outProj;
    }

    public static ClipAttention load(Weights w, ClipEncoderSettings settings) {
        long width = settings.hiddenSize();
        return new ClipAttention(settings.numAttentionHeads(),
                Linear.load(w.at("q_proj"), width, width, true),
                Linear.load(w.at("k_proj"), width, width, true),
                Linear.load(w.at("v_proj"), width, width, true),
                Linear.load(w.at("out_proj"), width, width, true));
    }

    /** @param mask additive mask broadcastable to {@code [B, heads, T, T]}, or {@code null} (vision towers) */
    public NDArray forward(NDArray hidden, NDArray mask) {
        NDArray attended = Attention.scaledDotProduct(
                qProj.forward(hidden), kProj.forward(hidden), vProj.forward(hidden), heads, mask, 0);
        return outProj.forward(attended);
    }
}
