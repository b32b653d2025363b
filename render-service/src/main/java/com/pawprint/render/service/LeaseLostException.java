package com.pawprint.render.service;

import java.util.UUID;

/** This renderer's lease on a task ran out and another renderer holds it now: stop without touching it. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(UUID taskId) {
        super("render task " + taskId + " is no longer this renderer's");
    }
}
