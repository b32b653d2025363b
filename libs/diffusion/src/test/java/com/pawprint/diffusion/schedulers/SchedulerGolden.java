package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** golden/schedulers.json, written by src/test/python/reference_schedulers.py. */
final class SchedulerGolden {

    /**
     * Agreement required with the float64 reference, relative to max(1, |expected|). The schedulers keep diffusers'
     * float32 tables and arithmetic, which put them, as diffusers itself (cross_check_schedulers_with_diffusers.py),
     * up to 2.6e-5 from it: in Karras timesteps, kohya's SNR near t = 0 and Euler ancestral's sigma_down. Exact
     * float32 agreement is DiffusersFloat32ScheduleTest's.
     */
    static final double TOLERANCE = 3e-5;

    private static JsonNode root;

    private SchedulerGolden() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = SchedulerGolden.class.getResourceAsStream("/golden/schedulers.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    static void assertClose(double expected, double actual, String what) {
        if (!(Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected)))) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    static void assertClose(JsonNode expected, float[] actual, String what) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            widened[i] = actual[i];
        }
        assertClose(doubles(expected), widened, what);
    }

    static void assertClose(JsonNode expected, NDArray actual, String what) {
        assertClose(expected, actual.toFloatArray(), what);
    }
}
