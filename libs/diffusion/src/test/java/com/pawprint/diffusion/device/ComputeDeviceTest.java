package com.pawprint.diffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

    @Test
    void cpuIsAlwaysThereInFloat32() {
        ComputeDevice cpu = ComputeDevice.resolve("CPU");
        assertEquals(new ComputeDevice(Device.cpu(), DataType.FLOAT32), cpu);
        assertFalse(cpu.isGpu());
        try (NDManager manager = cpu.newManager()) {
            NDArray ones = manager.ones(new Shape(2));
            assertEquals(Device.cpu(), ones.getDevice());
        }
    }

    @Test
    void autoPicksTheFirstGpuInHalfPrecisionOrElseTheCpu() {
        ComputeDevice auto = ComputeDevice.resolve("auto");
        if (ComputeDevice.visibleGpuCount() > 0) {
            assertEquals(new ComputeDevice(Device.gpu(0), DataType.FLOAT16), auto);
        } else {
            assertEquals(ComputeDevice.cpu(), auto);
            assertEquals(ComputeDevice.cpu(), ComputeDevice.resolve(null));
        }
    }

    @Test
    void missingOrMalformedDevicesAreClearErrors() {
        int gpus = ComputeDevice.visibleGpuCount();
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("cuda:" + gpus));
        assertTrue(missing.getMessage().contains(gpus + " CUDA device(s) visible"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("cuda:-1"));
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("cuda:x"));
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("tpu"));
        assertThrows(IllegalArgumentException.class, () -> new ComputeDevice(Device.cpu(), DataType.BFLOAT16));
        assertThrows(IllegalArgumentException.class, () -> new ComputeDevice(Device.cpu(), DataType.FLOAT16));
        assertThrows(IllegalArgumentException.class, () -> new ComputeDevice(Device.gpu(0), DataType.INT32));
    }
}
