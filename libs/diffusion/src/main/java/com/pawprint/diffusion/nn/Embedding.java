package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;

/** A lookup table {@code weight [count, dim]}: integer ids of any shape become vectors of size {@code dim}. */
public final class Embedding {

    private final NDArray weight;

    private Embedding(NDArray weight) {
        this.weight = weight;
    }

    /** Loads {@code weight [count, dim]}. */
    public static Embedding load(Weights w, long count, long dim) {
        return new Embedding(w.get("weight", count, dim));
    }

    /** Ids must lie in {@code [0, count)}: checked here because an out-of-range id would abort natively. */
    public NDArray forward(NDArray ids) {
        if (ids.getDataType().isFloating()) {
            throw new IllegalArgumentException("embedding ids must be integers, got " + ids.getDataType());
        }
        long count = weight.getShape().get(0);
        if (ids.size() > 0) {
            long min = ids.min().toType(DataType.INT64, false).getLong();
            long max = ids.max().toType(DataType.INT64, false).getLong();
            if (min < 0 || max >= count) {
                throw new IllegalArgumentException("embedding ids must lie in [0, " + count + "), got ["
                        + min + ", " + max + "]");
            }
        }
        NDArray longIds = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
        return ai.djl.nn.core.Embedding.embedding(longIds, weight, SparseFormat.DENSE).singletonOrThrow();
    }

    public NDArray weight() {
        return weight;
    }
}
