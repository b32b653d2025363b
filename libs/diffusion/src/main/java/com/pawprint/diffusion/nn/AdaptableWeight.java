package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The LoRA plumbing {@link Linear} and {@link Conv2d} share: side paths around the forward and in-place merges. */
final class AdaptableWeight {

    private final String path;
    private final NDArray weight;
    private final List<LoraSidePath> sidePaths = new CopyOnWriteArrayList<>();

    AdaptableWeight(String path, NDArray weight) {
        this.path = path;
        this.weight = weight;
    }

    NDArray weight() {
        return weight;
    }

    void add(LoraSidePath sidePath) {
        sidePaths.add(sidePath);
    }

    void remove(LoraSidePath sidePath) {
        sidePaths.remove(sidePath);
    }

    NDArray withSidePaths(NDArray input, NDArray output) {
        NDArray result = output;
        for (LoraSidePath sidePath : sidePaths) {
            result = result.add(sidePath.apply(input));
        }
        return result;
    }

    void addToWeight(NDArray delta) {
        if (!delta.getShape().equals(weight.getShape())) {
            throw new IllegalArgumentException("delta for '" + path + "' has shape " + delta.getShape()
                    + " but the weight has " + weight.getShape());
        }
        if (delta.getDataType() == weight.getDataType() && delta.getDevice().equals(weight.getDevice())) {
            weight.addi(delta);
            return;
        }
        try (NDArray converted = delta.toDevice(weight.getDevice(), true).toType(weight.getDataType(), false)) {
            weight.addi(converted);
        }
    }
}
