package com.pawprint.diffusion.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tensor bytes on their way into a file: little-endian {@code data} of {@code dtype} and {@code shape}. Lets the
 * writer take data the engine cannot hold (BF16) as well as engine arrays.
 */
public record RawTensor(SafetensorsDType dtype, Shape shape, ByteBuffer data) {

    public RawTensor {
        long expected = Math.multiplyExact(shape.size(), (long) dtype.byteSize());
        if (data.remaining() != expected) {
            throw new SafetensorsException(dtype + " " + shape + " needs " + expected + " bytes, got "
                    + data.remaining());
        }
    }

    /** The bytes of {@code array} as stored (float16 arrays stay F16). */
    public static RawTensor of(NDArray array) {
        SafetensorsDType dtype = SafetensorsDType.of(array.getDataType());
        ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return new RawTensor(dtype, array.getShape(), bytes);
    }
}
