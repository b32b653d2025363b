package com.pawprint.training.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pawprint.contracts.LrScheduler;
import org.junit.jupiter.api.Test;

/** diffusers' get_scheduler lambdas, worked by hand at chosen steps (base rate 1e-4). */
class LearningRateScheduleTest {

    private static final double BASE = 1e-4;

    private static double rate(LrScheduler kind, long total, long warmup, int cycles, double power, long step) {
        return new LearningRateSchedule(kind, total, warmup, cycles, power).rate(BASE, step);
    }

    @Test
    void warmUpRisesLinearlyFromZero() {
        assertEquals(0, rate(LrScheduler.CONSTANT_WITH_WARMUP, 100, 10, 1, 1, 0), 1e-15);
        assertEquals(0.5e-4, rate(LrScheduler.CONSTANT_WITH_WARMUP, 100, 10, 1, 1, 5), 1e-15);
        assertEquals(1e-4, rate(LrScheduler.CONSTANT_WITH_WARMUP, 100, 10, 1, 1, 10), 1e-15);
        assertEquals(1e-4, rate(LrScheduler.CONSTANT, 100, 10, 1, 1, 0), 1e-15, "constant ignores warm-up");
    }

    @Test
    void decaysMatchHandComputedValues() {
        assertEquals(0.5e-4, rate(LrScheduler.LINEAR, 100, 10, 1, 1, 55), 1e-15);
        assertEquals(0.5e-4, rate(LrScheduler.COSINE, 100, 0, 1, 1, 50), 1e-15);
        assertEquals(0.8535533905932737e-4, rate(LrScheduler.COSINE, 100, 0, 1, 1, 25), 1e-15);
        assertEquals(0.5e-4, rate(LrScheduler.COSINE_WITH_RESTARTS, 100, 0, 2, 1, 25), 1e-15);
        assertEquals(1e-4, rate(LrScheduler.COSINE_WITH_RESTARTS, 100, 0, 2, 1, 50), 1e-15, "the restart");
        assertEquals(0.5e-4, rate(LrScheduler.COSINE_WITH_RESTARTS, 100, 0, 2, 1, 75), 1e-15);
        assertEquals(0, rate(LrScheduler.COSINE_WITH_RESTARTS, 100, 0, 2, 1, 100), 1e-15);
        assertEquals(2.5075e-5, rate(LrScheduler.POLYNOMIAL, 100, 0, 1, 2, 50), 1e-15);
        assertEquals(1e-7, rate(LrScheduler.POLYNOMIAL, 100, 0, 1, 2, 100), 1e-15);
        assertEquals(0.5e-4, rate(LrScheduler.POLYNOMIAL, 100, 10, 1, 2, 5), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(LrScheduler.COSINE, 0, 0, 1, 1));
    }
}
