package com.pawprint.diffusion.nn;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * What a checkpoint says about one tensor before it is read: lets callers validate shapes and count parameters
 * without touching the data.
 *
 * @param name  the tensor's key in its source
 * @param dtype the element type the tensor will have once loaded (half precision loads as {@code FLOAT32})
 * @param shape the tensor's shape
 */
public record TensorInfo(String name, DataType dtype, Shape shape) {

    /** Number of elements; a 0-dim tensor holds one. */
    public long elementCount() {
        return shape.size();
    }
}
