package com.pawprint.render.service;

import com.pawprint.diffusion.pipeline.CancellationToken;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks this replica renders now, with the token that stops each within one sampler step. A cancel that reaches
 * another replica is seen here through the heartbeat, which reads the task's cancel flag.
 */
@ApplicationScoped
public class ActiveRenders {

    private final Map<UUID, CancellationToken> tokens = new ConcurrentHashMap<>();

    CancellationToken start(UUID taskId) {
        CancellationToken token = new CancellationToken();
        tokens.put(taskId, token);
        return token;
    }

    void end(UUID taskId) {
        tokens.remove(taskId);
    }

    /** Stops the task if this replica renders it. */
    public void cancel(UUID taskId) {
        CancellationToken token = tokens.get(taskId);
        if (token != null) {
            token.cancel();
        }
    }
}
