package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Set;

/**
 * Where a model's weights come from: a checkpoint on disk, a renamed view of one, or generated weights for tests.
 * Modules never see this directly; they go through {@link Weights}, which scopes names and validates shapes.
 */
public interface TensorSource {

    /** Every tensor name this source can serve (for generated sources: every name requested so far). */
    Set<String> names();

    /** Describes a tensor without reading it; throws {@link MissingTensorException} when the source lacks it. */
    TensorInfo info(String name);

    /** Reads a tensor into {@code manager}; floating point tensors arrive as {@code FLOAT32}. */
    NDArray load(String name, NDManager manager);

    /** Whether {@link #info} and {@link #load} would succeed for {@code name}. */
    default boolean contains(String name) {
        return names().contains(name);
    }

    /**
     * Describes {@code name} as a module that expects {@code expectedShape} will use it. Checkpoint-backed sources
     * validate; generated sources use the expectation to decide what to generate. An empty expectation accepts any
     * shape.
     */
    default TensorInfo require(String name, Shape expectedShape) {
        TensorInfo info = info(name);
        if (!expectedShape.isScalar() && !info.shape().equals(expectedShape)) {
            throw new ShapeMismatchException(name, expectedShape, info.shape());
        }
        return info;
    }
}
