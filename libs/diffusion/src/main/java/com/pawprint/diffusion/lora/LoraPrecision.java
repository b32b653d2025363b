package com.pawprint.diffusion.lora;

import ai.djl.ndarray.types.DataType;

/** The number format of a saved LoRA file; kohya saves fp16 by default ({@code --save_precision fp16}). */
public enum LoraPrecision {
    FP16(DataType.FLOAT16),
    FP32(DataType.FLOAT32);

    private final DataType dataType;

    LoraPrecision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }
}
