package com.pawprint.diffusion.schedulers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The schedules hold diffusers' float32 values, not merely values close to the float64 formulas: the training
 * tables as torch computes them.
 */
class DiffusersFloat32ScheduleTest {

    private final DdpmNoiseSchedule schedule = DdpmNoiseSchedule.sd15();

    /**
     * diffusers' tables against torch's own CPU kernels, op for op: linspace, {@code ** 2}, {@code 1.0 - betas},
     * cumprod, {@code ((1 - a) / a) ** 0.5}, and kohya's {@code (sqrt(a) / sqrt(1 - a)) ** 2}; on the CPU, where
     * diffusers builds them whatever the pipeline's device. The betas and alpha_bar agree bit for bit (the linspace
     * with the fused multiply-add of torch's AVX2 and later kernels). torch's x86 float32 square root (MKL's vector
     * math) is not correctly rounded: it is an ulp off in 190 of the 1000 sigmas, and up to 6 in kohya's SNR, which
     * takes two of them.
     */
    @Test
    void trainingTablesAreTorchsFloat32Tables() {
        NoiseScheduleConfig sd15 = NoiseScheduleConfig.sd15();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray roots = manager.linspace((float) Math.sqrt(sd15.betaStart()), (float) Math.sqrt(sd15.betaEnd()),
                    sd15.trainTimesteps(), true);
            NDArray betas = roots.square();
            NDArray alphasCumprod = betas.neg().add(1).cumProd(0);
            NDArray oneMinus = alphasCumprod.neg().add(1);
            assertArrayEquals(betas.toFloatArray(), table(schedule::beta), "betas");
            assertArrayEquals(alphasCumprod.toFloatArray(), table(schedule::alphaCumprod), "alphas_cumprod");
            assertWithinUlps(oneMinus.div(alphasCumprod).sqrt().toFloatArray(), table(schedule::sigma), 1, "sigmas");
            assertWithinUlps(alphasCumprod.sqrt().div(oneMinus.sqrt()).square().toFloatArray(), table(schedule::snr),
                    6, "kohya's all_snr");
        }
    }

    @Test
    void sd15TableEnds() {
        assertEquals(0.99915f, schedule.alphaCumprod(0));
        assertEquals(0.27766943f, schedule.alphaCumprod(499));
        assertEquals(0.004660095f, schedule.alphaCumprod(999));
        assertEquals(14.614647f, schedule.sigma(999), "sigma_max (14.614641 in float64)");
        assertEquals(0.029167533f, schedule.sigma(0), "sigma_min");
    }

    private static void assertWithinUlps(float[] expected, float[] actual, int ulps, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], ulps * Math.ulp(expected[i]), what + "[" + i + "]");
        }
    }

    private static float[] table(IntFunction<Float> perTimestep) {
        float[] values = new float[NoiseScheduleConfig.sd15().trainTimesteps()];
        for (int t = 0; t < values.length; t++) {
            values[t] = perTimestep.apply(t);
        }
        return values;
    }
}
