package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopedForwardTest {

    @Test
    void freesTheBlocksIntermediatesAndHandsItsOutputsToTheEnclosingScope() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(3));
            List<NDArray> intermediates = new ArrayList<>();
            NDArray result;
            List<NDArray> pair;
            try (NDScope outer = new NDScope()) {
                outer.suppressNotUsedWarning();
                result = ScopedForward.run(() -> {
                    NDArray temporary = x.add(1);
                    intermediates.add(temporary);
                    return temporary.mul(2);
                });
                pair = ScopedForward.run(() -> List.of(x.add(2), x.add(3)), p -> p);
                assertTrue(intermediates.get(0).isReleased());
                assertFalse(result.isReleased());
                assertEquals(4f, result.toFloatArray()[0]);
                assertFalse(pair.get(1).isReleased());
            }
            assertTrue(result.isReleased(), "the output belongs to the enclosing scope");
            assertTrue(pair.get(0).isReleased());
            assertFalse(x.isReleased());
        }
    }
}
