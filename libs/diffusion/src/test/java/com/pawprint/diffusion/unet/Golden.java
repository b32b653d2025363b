package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.pawprint.diffusion.safetensors.SafetensorsSource;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Golden files written by {@code src/test/python/reference_unet_vae.py}. */
public final class Golden {

    private Golden() {
    }

    public static SafetensorsSource open(String file) {
        try {
            return SafetensorsSource.open(Path.of(Golden.class.getResource("/golden/" + file).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Element-wise {@code |actual - expected| <= abs + rel * |expected|}, naming the worst element on failure. */
    public static void assertAllClose(NDArray expected, NDArray actual, double rel, double abs) {
        assertEquals(expected.getShape(), actual.getShape(), "shape");
        float[] e = expected.toType(DataType.FLOAT32, false).toFloatArray();
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            double excess = Math.abs(a[i] - e[i]) - (abs + rel * Math.abs(e[i]));
            if (excess > worstExcess || Double.isNaN(a[i])) {
                worstExcess = Double.isNaN(a[i]) ? Double.POSITIVE_INFINITY : excess;
                worst = i;
            }
        }
        if (worst >= 0) {
            throw new AssertionError("element " + worst + " of " + e.length + ": expected " + e[worst] + ", got "
                    + a[worst]);
        }
    }
}
