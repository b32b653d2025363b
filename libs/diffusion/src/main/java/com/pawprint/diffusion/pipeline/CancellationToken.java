package com.pawprint.diffusion.pipeline;

/**
 * Lets another thread stop a run. The pipeline checks it before each sampler step and before decoding, so a
 * cancelled run stops within one step and throws {@link GenerationCancelledException}.
 */
public final class CancellationToken {

    /** A token nobody cancels. */
    public static final CancellationToken NONE = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this == NONE) {
            throw new UnsupportedOperationException("CancellationToken.NONE cannot be cancelled");
        }
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
