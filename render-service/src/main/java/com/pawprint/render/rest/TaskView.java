package com.pawprint.render.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A render task as the API shows it: its request, where it stands ({@code queued}, {@code running},
 * {@code succeeded}, {@code failed}, {@code canceled}) and its finished images with presigned downloads.
 */
public record TaskView(UUID id, UUID petId, UUID jobId, String product, String preset, String status,
                       String prompt, String negativePrompt, String sampler, int steps, double cfgScale, int width,
                       int height, long seed, int count, String baseModel, Progress progress,
                       List<ImageView> images, String failureReason, Instant createdAt, Instant startedAt,
                       Instant finishedAt) {

    /** Image {@code image} of {@code images} at sampler step {@code step} of {@code steps}. */
    public record Progress(int image, int images, Integer step, int steps, double percent, Long etaSeconds) {
    }

    public record ImageView(int index, long seed, String key, String url, String previewKey, String previewUrl) {
    }
}
