package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head scaled dot-product attention, which DJL lacks as a fused op. Queries are processed in slices because
 * the attention map of a 512 px image is 4096 x 4096 per head (512 MB per layer per sample in fp32); each slice's
 * scores are closed as soon as they are used.
 */
public final class Attention {

    private Attention() {
    }

    /**
     * {@code softmax(q k^T * scale) v} over {@code heads} heads, with {@code scale = 1 / sqrt(head dim)}.
     *
     * @param q              {@code [B, Tq, heads * d]}
     * @param k              {@code [B, Tk, heads * d]}
     * @param v              {@code [B, Tk, heads * dv]}
     * @param maskOrNull     an additive mask broadcastable to {@code [B, heads, Tq, Tk]} (e.g. {@code -inf} above the
     *                       diagonal for CLIP's causal mask), in the dtype of {@code q}; {@code null} for none
     * @param querySliceSize how many queries to process at once; {@code <= 0} or {@code >= Tq} means all
     * @return {@code [B, Tq, heads * dv]}
     */
    public static NDArray scaledDotProduct(
            NDArray q, NDArray k, NDArray v, int heads, NDArray maskOrNull, int querySliceSize) {
        Shape qs = q.getShape();
        Shape ks = k.getShape();
        Shape vs = v.getShape();
        if (qs.dimension() != 3 || ks.dimension() != 3 || vs.dimension() != 3 || qs.get(0) != ks.get(0)
                || ks.get(0) != vs.get(0) || qs.get(2) != ks.get(2) || ks.get(1) != vs.get(1)
                || heads < 1 || qs.get(2) % heads != 0 || vs.get(2) % heads != 0) {
            throw new IllegalArgumentException("attention shapes do not fit: q " + qs + ", k " + ks + ", v " + vs
                    + ", heads " + heads);
        }
        long batch = qs.get(0);
        long queries = qs.get(1);
        long headDim = qs.get(2) / heads;
        float scale = (float) (1.0 / Math.sqrt(headDim));

        NDArray qh = splitHeads(q, heads);
        NDArray kt = splitHeads(k, heads).transpose(0, 1, 3, 2);
        NDArray vh = splitHeads(v, heads);
        boolean maskPerQuery = maskOrNull != null && maskOrNull.getShape().dimension() >= 2
                && maskOrNull.getShape().get(maskOrNull.getShape().dimension() - 2) == queries && queries > 1;

        long slice = querySliceSize <= 0 ? queries : Math.min(querySliceSize, queries);
        NDList outputs = new NDList();
        for (long start = 0; start < queries; start += slice) {
            long end = Math.min(queries, start + slice);
            NDArray querySlice = slice == queries ? qh : qh.get(new NDIndex(":, :, {}:{}", start, end));
            NDArray scores = Scalars.muli(querySlice.matMul(kt), scale);
            if (maskOrNull != null) {
                NDArray mask = maskPerQuery && slice != queries
                        ? maskOrNull.get(new NDIndex("..., {}:{}, :", start, end)) : maskOrNull;
                scores.addi(mask);
            }
            NDArray probabilities = scores.softmax(-1);
            scores.close();
            outputs.add(probabilities.matMul(vh));
            probabilities.close();
        }
        NDArray out = outputs.size() == 1 ? outputs.head() : ai.djl.ndarray.NDArrays.concat(outputs, 2);
        return out.transpose(0, 2, 1, 3).reshape(batch, queries, vs.get(2));
    }

    /** {@code [B, T, heads * d]} to {@code [B, heads, T, d]}. */
    private static NDArray splitHeads(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }
}
