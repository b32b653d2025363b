package com.pawprint.diffusion.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the engine computes and in which precision. The CPU is always available and runs fp32 (fp16 there is two
 * orders of magnitude slower and any bf16 array aborts the JVM, see djl-facts.md); a CUDA device runs fp16. A GPU is
 * only visible when the build carries CUDA natives (the root pom's {@code cuda} profile); the CPU
 * build reports none and {@code auto} falls back to the CPU.
 *
 * @param device where arrays live
 * @param dtype  the compute type weights are converted to
 */
public record ComputeDevice(Device device, DataType dtype) {

    public ComputeDevice {
        Objects.requireNonNull(device, "device");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("compute dtype must be floating point, got " + dtype);
        }
        if (!device.isGpu() && dtype != DataType.FLOAT32) {
            throw new IllegalArgumentException("the CPU computes in float32 only (float16 is far too slow there and "
                    + "bfloat16 aborts the engine); got " + dtype);
        }
    }

    /** The CPU in fp32. */
    public static ComputeDevice cpu() {
        return new ComputeDevice(Device.cpu(), DataType.FLOAT32);
    }

    /**
     * Resolves a device option: {@code auto} (the first GPU in fp16 when one is visible, else the CPU), {@code cpu},
     * {@code cuda} or {@code cuda:N}. Asking for a GPU that is not there is an error naming what is available.
     */
    public static ComputeDevice resolve(String option) {
        String normalized = option == null ? "auto" : option.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("cpu")) {
            return cpu();
        }
        int gpus = visibleGpuCount();
        if (normalized.equals("auto")) {
            return gpus > 0 ? new ComputeDevice(Device.gpu(0), DataType.FLOAT16) : cpu();
        }
        if (normalized.equals("cuda") || normalized.startsWith("cuda:")) {
            int index = gpuIndex(normalized);
            if (index >= gpus) {
                throw new IllegalArgumentException("device '" + option + "' is not available: " + gpus
                        + " CUDA device(s) visible" + (gpus == 0 ? " (this build carries CPU natives; use auto or cpu)"
                                : ""));
            }
            return new ComputeDevice(Device.gpu(index), DataType.FLOAT16);
        }
        throw new IllegalArgumentException("unknown device '" + option + "'; use auto, cpu, cuda or cuda:N");
    }

    private static int gpuIndex(String option) {
        if (option.equals("cuda")) {
            return 0;
        }
        try {
            int index = Integer.parseInt(option.substring("cuda:".length()));
            if (index < 0) {
                throw new NumberFormatException();
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad CUDA device '" + option + "'; use cuda:N with N >= 0");
        }
    }

    /** GPUs the PyTorch engine can use; loading the engine never downloads anything. */
    public static int visibleGpuCount() {
        return pytorch().getGpuCount();
    }

    /** The PyTorch engine, forced offline so a missing native is an error instead of a download. */
    static Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        return Engine.getEngine("PyTorch");
    }

    /** A new root manager on this device; everything a model loads through it lives here. */
    public NDManager newManager() {
        return NDManager.newBaseManager(device, pytorch().getEngineName());
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    @Override
    public String toString() {
        return device + " " + dtype;
    }
}
