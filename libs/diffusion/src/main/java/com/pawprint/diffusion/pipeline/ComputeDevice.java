package com.pawprint.diffusion.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a model runs and in which precision. CPU runs float32: PyTorch's CPU float16 kernels are two orders of
 * magnitude slower and bfloat16 arrays abort the JVM (djl-facts). A CUDA device runs the text encoder and UNet in
 * float16, as every SD 1.5 GPU runtime does; the VAE stays float32 there because its decoder overflows float16
 * (the NaN images sd-scripts users report).
 *
 * @param device the DJL device
 * @param dtype  the compute type of the text encoder and UNet
 */
public record ComputeDevice(Device device, DataType dtype) {

    public ComputeDevice {
        Objects.requireNonNull(device, "device");
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("compute dtype must be float32 or float16, got " + dtype);
        }
        if (!device.isGpu() && dtype != DataType.FLOAT32) {
            throw new IllegalArgumentException("the CPU computes in float32 only (float16 is ~100x slower there)");
        }
    }

    /** The CPU in float32, always available. */
    public static ComputeDevice cpu() {
        return new ComputeDevice(Device.cpu(), DataType.FLOAT32);
    }

    /**
     * CUDA device {@code index} in float16.
     *
     * @throws IllegalArgumentException when the engine sees no such GPU (a CPU-only native build, or fewer cards)
     */
    public static ComputeDevice cuda(int index) {
        int gpus = gpuCount();
        if (index < 0 || index >= gpus) {
            throw new IllegalArgumentException("no CUDA device " + index + ": the PyTorch engine sees " + gpus
                    + " GPU(s). GPU natives come from the Maven profile -Pcuda (see libs/diffusion/README.md).");
        }
        return new ComputeDevice(Device.gpu(index), DataType.FLOAT16);
    }

    /** The first GPU when the engine has one, else the CPU. */
    public static ComputeDevice auto() {
        return gpuCount() > 0 ? cuda(0) : cpu();
    }

    /**
     * Parses {@code cpu}, {@code cuda}, {@code cuda:N} (also {@code gpu}, {@code gpu:N}) or {@code auto}.
     *
     * @throws IllegalArgumentException for other names or absent GPUs
     */
    public static ComputeDevice parse(String name) {
        String normalized = name.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals("cpu")) {
            return cpu();
        }
        if (normalized.equals("auto")) {
            return auto();
        }
        String[] parts = normalized.split(":", 2);
        if (parts[0].equals("cuda") || parts[0].equals("gpu")) {
            try {
                return cuda(parts.length == 1 ? 0 : Integer.parseInt(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad device index in '" + name + "'", e);
            }
        }
        throw new IllegalArgumentException("unknown device '" + name + "'; use cpu, cuda, cuda:N or auto");
    }

    /** The VAE's compute type: float32 everywhere (see the class comment). */
    public DataType vaeDtype() {
        return DataType.FLOAT32;
    }

    /** How the PyTorch engine counts GPUs; 0 with the CPU natives. */
    public static int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    @Override
    public String toString() {
        return (device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu") + " " + dtype.name().toLowerCase(Locale.ROOT);
    }
}
