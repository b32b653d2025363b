package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.LayerNorm;
import com.pawprint.diffusion.nn.Weights;

/** One pre-norm CLIP transformer layer: {@code x + attn(ln1(x))}, then {@code x + mlp(ln2(x))}. */
public final class ClipEncoderLayer {

    private final LayerNorm layerNorm1;
    private final ClipAttention selfAttn;
    private final LayerNorm layerNorm2;
    private final ClipMlp mlp;

    private ClipEncoderLayer(LayerNorm layerNorm1, ClipAttention selfAttn, LayerNorm layerNorm2, ClipMlp mlp) {
        this.layerNorm1 = layerNorm1;
        this.selfAttn = selfAttn;
        this.layerNorm2 = layerNorm2;
        this.mlp = mlp;
    }

    public static ClipEncoderLayer load(Weights w, ClipEncoderSettings settings) {
        return new ClipEncoderLayer(
                LayerNorm.load(w.at("layer_norm1"), settings.hiddenSize(), settings.layerNormEps()),
                ClipAttention.load(w.at("self_attn"), settings),
                LayerNorm.load(w.at("layer_norm2"), settings.hiddenSize(), settings.layerNormEps()),
                ClipMlp.load(w.at("mlp"), settings));
    }

    public NDArray forward(NDArray hidden, NDArray mask) {
        NDArray attended = hidden.add(selfAttn.forward(layerNorm1.forward(hidden), mask));
        return attended.add(mlp.forward(layerNorm2.forward(attended)));
    }
}
