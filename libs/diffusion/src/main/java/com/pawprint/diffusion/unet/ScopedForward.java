package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one block of a forward pass in its own {@link NDScope} so its intermediates are freed when the block returns
 * instead of when the caller's scope closes (DJL keeps every intermediate until then). The block's outputs move to the
 * enclosing scope, if there is one. Safe under a GradientCollector: autograd keeps its own references.
 */
public final class ScopedForward {

    private ScopedForward() {
    }

    public static NDArray run(Supplier<NDArray> block) {
        return run(block, List::of);
    }

    /**
     * @param outputs the arrays of the result that must outlive the block
     */
    public static <T> T run(Supplier<T> block, Function<T, List<NDArray>> outputs) {
        T result;
        List<NDArray> kept;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = block.get();
            kept = outputs.apply(result);
            kept.forEach(NDScope::unregister);
        }
        kept.forEach(NDScope::register);
        return result;
    }
}
