package com.pawprint.diffusion.safetensors;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor as a safetensors header describes it, already validated against the file.
 *
 * @param name  the key
 * @param dtype the stored element type
 * @param shape the shape ({@code ()} for a 0-dim tensor such as a LoRA alpha)
 * @param begin offset of the first byte within the data section
 * @param end   offset one past the last byte within the data section
 */
public record SafetensorsEntry(String name, SafetensorsDType dtype, Shape shape, long begin, long end) {

    public long byteLength() {
        return end - begin;
    }
}
