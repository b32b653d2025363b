package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static com.pawprint.diffusion.schedulers.SchedulerGolden.assertClose;
import static com.pawprint.diffusion.schedulers.SchedulerGolden.doubles;
import static com.pawprint.diffusion.schedulers.SchedulerGolden.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DdpmNoiseScheduleTest {

    private static final JsonNode GOLDEN = SchedulerGolden.root().get("ddpm");
    private static final Shape BATCH = new Shape(3, 2, 3, 3);

    private final DdpmNoiseSchedule schedule = DdpmNoiseSchedule.sd15();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void tablesMatchTheReference() {
        double[] betas = doubles(GOLDEN.get("betas"));
        double[] alphasCumprod = doubles(GOLDEN.get("alphas_cumprod"));
        double[] snr = doubles(GOLDEN.get("snr"));
        assertEquals(1000, schedule.trainTimesteps());
        for (int t = 0; t < 1000; t++) {
            assertClose(betas[t], schedule.beta(t), "beta " + t);
            assertClose(alphasCumprod[t], schedule.alphaCumprod(t), "alpha_bar " + t);
            assertClose(snr[t], schedule.snr(t), "snr " + t);
        }
    }

    @Test
    void addsNoisePerSampleTimestep() {
        NDArray noisy = schedule.addNoise(x0(), noise(), timesteps());
        assertEquals(BATCH, noisy.getShape());
        assertClose(GOLDEN.get("noisy"), noisy, "noisy");
    }

    @Test
    void velocityAndTargets() {
        assertClose(GOLDEN.get("velocity"), schedule.velocity(x0(), noise(), timesteps()), "velocity");
        assertArrayEquals(noise().toFloatArray(), schedule.target(x0(), noise(), timesteps()).toFloatArray());
        DdpmNoiseSchedule vPrediction = new DdpmNoiseSchedule(withPrediction(PredictionType.V_PREDICTION));
        assertClose(GOLDEN.get("velocity"), vPrediction.target(x0(), noise(), timesteps()), "v target");
    }

    @Test
    void minSnrWeightsFollowKohya() {
        assertClose(GOLDEN.get("min_snr_5_epsilon"), schedule.minSnrWeights(timesteps(), 5), "epsilon weights");
        DdpmNoiseSchedule vPrediction = new DdpmNoiseSchedule(withPrediction(PredictionType.V_PREDICTION));
        assertClose(GOLDEN.get("min_snr_5_v_prediction"), vPrediction.minSnrWeights(timesteps(), 5), "v weights");
        double[] expectedSnr = new double[3];
        long[] t = timesteps().toLongArray();
        for (int i = 0; i < 3; i++) {
            expectedSnr[i] = doubles(GOLDEN.get("snr"))[(int) t[i]];
        }
        float[] snr = schedule.snr(timesteps()).toFloatArray();
        for (int i = 0; i < 3; i++) {
            assertClose(expectedSnr[i], snr[i], "snr of sample " + i);
        }
    }

    @Test
    void keepsTheSampleTypeAndAcceptsInt32Timesteps() {
        NDArray halfX0 = x0().toType(DataType.FLOAT16, false);
        NDArray noisy = schedule.addNoise(halfX0, noise().toType(DataType.FLOAT16, false),
                timesteps().toType(DataType.INT32, false));
        assertEquals(DataType.FLOAT16, noisy.getDataType());
        float[] expected = floats(GOLDEN.get("noisy"));
        float[] actual = noisy.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-2 * Math.max(1, Math.abs(expected[i])));
        }
    }

    @Test
    void drawsReproducibleTimestepsInRange() {
        long[] first = schedule.sampleTimesteps(manager, 64, new SplittableRandom(7)).toLongArray();
        long[] again = schedule.sampleTimesteps(manager, 64, new SplittableRandom(7)).toLongArray();
        long[] other = schedule.sampleTimesteps(manager, 64, new SplittableRandom(8)).toLongArray();
        assertArrayEquals(first, again);
        assertTrue(!Arrays.equals(first, other));
        for (long t : first) {
            assertTrue(t >= 0 && t < 1000, "timestep " + t);
        }
        assertEquals(DataType.INT64, schedule.sampleTimesteps(manager, 2, new SplittableRandom(7)).getDataType());
    }

    @Test
    void rejectsBadInputBeforeItReachesTheEngine() {
        NDArray x0 = x0();
        assertThrows(IllegalArgumentException.class,
                () -> schedule.addNoise(x0, noise(), manager.create(new long[] {0, 1, 1000})));
        assertThrows(IllegalArgumentException.class,
                () -> schedule.addNoise(x0, noise(), manager.create(new long[] {0, 1})));
        assertThrows(IllegalArgumentException.class,
                () -> schedule.addNoise(x0, noise(), manager.create(new float[] {0, 1, 2})));
        assertThrows(IllegalArgumentException.class,
                () -> schedule.addNoise(x0, manager.zeros(new Shape(3, 2, 3)), timesteps()));
        assertThrows(IllegalArgumentException.class, () -> schedule.minSnrWeights(timesteps(), 0));
        assertThrows(IllegalArgumentException.class, () -> schedule.alphaCumprod(-1));
    }

    private NDArray x0() {
        return manager.create(floats(GOLDEN.get("x0")), BATCH);
    }

    private NDArray noise() {
        return manager.create(floats(GOLDEN.get("noise")), BATCH);
    }

    private NDArray timesteps() {
        long[] t = new long[3];
        for (int i = 0; i < 3; i++) {
            t[i] = GOLDEN.get("timesteps").get(i).asLong();
        }
        return manager.create(t);
    }

    private static NoiseScheduleConfig withPrediction(PredictionType prediction) {
        NoiseScheduleConfig sd15 = NoiseScheduleConfig.sd15();
        return new NoiseScheduleConfig(sd15.trainTimesteps(), sd15.betaStart(), sd15.betaEnd(), sd15.betaSchedule(),
                prediction, sd15.stepsOffset(), sd15.setAlphaToOne());
    }
}
