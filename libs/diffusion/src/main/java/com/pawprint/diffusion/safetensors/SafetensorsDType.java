package com.pawprint.diffusion.safetensors;

import ai.djl.ndarray.types.DataType;

/**
 * The element types PawPrint reads and writes, by their safetensors names. Half precision is widened to F32 on
 * load because the CPU engine is effectively fp32-only and aborts on any BF16 array (djl-facts.md).
 */
public enum SafetensorsDType {
    F32(4, DataType.FLOAT32, DataType.FLOAT32),
    F16(2, DataType.FLOAT16, DataType.FLOAT32),
    BF16(2, null, DataType.FLOAT32),
    I64(8, DataType.INT64, DataType.INT64),
    I32(4, DataType.INT32, DataType.INT32),
    U8(1, DataType.UINT8, DataType.UINT8);

    private final int byteSize;
    private final DataType stored;
    private final DataType loaded;

    SafetensorsDType(int byteSize, DataType stored, DataType loaded) {
        this.byteSize = byteSize;
        this.stored = stored;
        this.loaded = loaded;
    }

    public int byteSize() {
        return byteSize;
    }

    /** The DJL type arrays of this dtype have once loaded. */
    public DataType loadedType() {
        return loaded;
    }

    /** The safetensors name of a DJL array's type, for writing. */
    public static SafetensorsDType of(DataType type) {
        for (SafetensorsDType dtype : values()) {
            if (dtype.stored == type) {
                return dtype;
            }
        }
        throw new SafetensorsException("cannot write arrays of type " + type
                + " (supported: float32, float16, int64, int32, uint8)");
    }

    /** Parses a header's dtype string. */
    public static SafetensorsDType parse(String name) {
        for (SafetensorsDType dtype : values()) {
            if (dtype.name().equals(name)) {
                return dtype;
            }
        }
        throw new SafetensorsException("unsupported dtype '" + name + "' (supported: F32, F16, BF16, I64, I32, U8)");
    }
}
