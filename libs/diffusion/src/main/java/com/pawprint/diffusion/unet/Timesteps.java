package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Sinusoidal timestep features (diffusers {@code Timesteps}, no weights): frequencies
 * {@code exp(-ln(10000) * i / (half - freqShift))} for {@code i < half}, features {@code [sin, cos]} of
 * {@code t * frequency}, swapped to {@code [cos, sin]} when {@code flipSinToCos}. SD 1.5: flip true, shift 0.
 */
public record Timesteps(int channels, boolean flipSinToCos, double freqShift) {

    private static final double MAX_PERIOD = 10000.0;

    public Timesteps {
        if (channels <= 1) {
            throw new IllegalArgumentException("timestep channels must be at least 2, got " + channels);
        }
    }

    /** (batch) timesteps to (batch, channels) float32 features. */
    public NDArray forward(NDArray timesteps) {
        if (timesteps.getShape().dimension() != 1) {
            throw new IllegalArgumentException("timesteps must be 1-D (batch), got " + timesteps.getShape());
        }
        NDManager manager = timesteps.getManager();
        int half = channels / 2;
        NDArray exponent = manager.arange(0f, half, 1f, DataType.FLOAT32, timesteps.getDevice())
                .mul((float) (-Math.log(MAX_PERIOD) / (half - freqShift)));
        NDArray angles = timesteps.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(exponent.exp().reshape(1, -1));
        NDArray sin = angles.sin();
        NDArray cos = angles.cos();
        NDArray features = flipSinToCos ? NDArrays.concat(new NDList(cos, sin), 1)
                : NDArrays.concat(new NDList(sin, cos), 1);
        return channels % 2 == 0 ? features : features.pad(new Shape(0, 1), 0);
    }
}
