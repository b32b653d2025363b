package com.pawprint.trainer.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Presigned download URLs of a training's LoRA (null until it is trained) and checkpoints, valid until expiresAt. */
public record TrainingDownloads(URI lora, List<CheckpointDownload> checkpoints, Instant expiresAt) {

    public record CheckpointDownload(long step, URI lora) {
    }
}
