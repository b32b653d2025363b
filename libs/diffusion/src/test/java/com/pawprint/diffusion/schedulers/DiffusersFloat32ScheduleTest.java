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
 * tables bit for bit as torch computes them, and SD 1.5's 25-step Karras schedules as diffusers' set_timesteps
 * derives them (values from src/test/python/reference_float32_schedules.py).
 */
class DiffusersFloat32ScheduleTest {

    private static final int STEPS = 25;

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

    @Test
    void eulerKarrasAt25StepsIsDiffusers() {
        float[] expectedTimesteps = {999.0f, 969.7611f, 938.44885f, 904.7793f, 868.41565f, 828.9613f, 785.954f,
            738.8709f, 687.15326f, 630.2722f, 567.8687f, 499.9994f, 427.48978f, 352.29086f, 277.59573f, 207.4619f,
            145.93904f, 96.030136f, 58.8915f, 33.62939f, 17.8585f, 8.740875f, 3.7991788f, 1.2795287f, 0.0f};
        float[] expectedSigmas = {14.614647f, 12.283042f, 10.277832f, 8.560019f, 7.09442f, 5.849391f, 4.796544f,
            3.9104936f, 3.168611f, 2.5507934f, 2.0392456f, 1.6182764f, 1.2741053f, 0.9946831f, 0.7695228f,
            0.58954287f, 0.4469209f, 0.33495766f, 0.2479517f, 0.18108349f, 0.13030873f, 0.09226092f, 0.06416227f,
            0.043742858f, 0.029167533f, 0f};

        SigmaSchedule.Discretization karras = new SigmaSchedule(schedule).linspace(STEPS, true);
        assertArrayEquals(expectedSigmas, karras.sigmas(), "sigmas");
        try (Sampler euler = SamplerKind.EULER_KARRAS.create(schedule, STEPS)) {
            float[] timesteps = euler.timesteps();
            assertArrayEquals(karras.timesteps(), timesteps);
            for (int i = 0; i < STEPS; i++) {
                // numpy's vectorised float32 log, which diffusers takes of the sigma table, can be an ulp off the
                // correctly rounded log used here
                assertEquals(expectedTimesteps[i], timesteps[i], Math.ulp(expectedTimesteps[i]), "timestep " + i);
            }
            assertEquals(14.614647f, euler.initNoiseSigma());
        }
    }

    @Test
    void dpmSolverKarrasAt25StepsIsDiffusers() {
        float[] expected = {999, 970, 938, 905, 868, 829, 786, 739, 687, 630, 568, 500, 427, 352, 278, 207, 146, 96,
            59, 34, 18, 9, 4, 1, 0};
        try (Sampler dpm = SamplerKind.DPMPP_2M_KARRAS.create(schedule, STEPS)) {
            assertArrayEquals(expected, dpm.timesteps());
        }
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
