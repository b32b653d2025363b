package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Checks and conversions every sampler shares. */
final class SamplerSteps {

    private SamplerSteps() {
    }

    static int requirePositive(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("sampling needs at least one step, got " + steps);
        }
        return steps;
    }

    static void requireStep(int step, int steps) {
        if (step < 0 || step >= steps) {
            throw new IllegalArgumentException("step " + step + " is outside [0, " + steps + ")");
        }
    }

    static void requireSameShape(NDArray modelOutput, NDArray sample) {
        if (!modelOutput.getShape().equals(sample.getShape())) {
            throw new IllegalArgumentException("model output " + modelOutput.getShape() + " and sample "
                    + sample.getShape() + " differ in shape");
        }
    }

    /** Sampler arithmetic runs in float32 even when the UNet runs in half precision, as diffusers does. */
    static NDArray float32(NDArray array) {
        return array.toType(DataType.FLOAT32, false);
    }
}
