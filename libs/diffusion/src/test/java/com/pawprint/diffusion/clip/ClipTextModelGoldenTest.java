package com.pawprint.diffusion.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.safetensors.SafetensorsFile;
import com.pawprint.diffusion.safetensors.SafetensorsSource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Compares the Java CLIP text encoder with the independent PyTorch reference (src/test/python/reference_clip.py). */
class ClipTextModelGoldenTest {

    static Path golden(String name) {
        try {
            return Path.of(ClipTextModelGoldenTest.class.getResource("/golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Largest |a - e| / max(1, |e|) over all elements. */
    static double maxRelativeError(NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]) / Math.max(1.0, Math.abs(e[i])));
        }
        return worst;
    }

    @Test
    void matchesThePyTorchReference() {
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsSource weights = SafetensorsSource.open(golden("clip_tiny_weights.safetensors"));
                SafetensorsFile outputs = SafetensorsFile.open(golden("clip_tiny_outputs.safetensors"))) {
            Weights root = Weights.of(weights, manager, DataType.FLOAT32);
            ClipTextModel model = ClipTextModel.load(root, ClipTextConfig.tiny());
            assertEquals(weights.names(), root.usedKeys());

            NDArray ids = outputs.load("input_ids", manager);
            ClipTextOutput output = model.forward(ids);
            double last = maxRelativeError(outputs.load("last_hidden_state", manager), output.lastHiddenState());
            assertTrue(last < 1e-4, "last_hidden_state differs by " + last);
            for (int i = 0; i < output.hiddenStates().size(); i++) {
                double state = maxRelativeError(outputs.load("hidden_states." + i, manager),
                        output.hiddenStates().get(i));
                assertTrue(state < 1e-4, "hidden_states." + i + " differs by " + state);
            }
            double skip = maxRelativeError(outputs.load("clip_skip_2", manager), model.encode(ids, 2));
            assertTrue(skip < 1e-4, "clip skip 2 differs by " + skip);
        }
    }
}
