package com.pawprint.render.service;

import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.RenderedImage;

import java.util.List;
import java.util.UUID;

/** A claimed task as the renderer needs it: the request and the images a previous holder already finished. */
public record ClaimedTask(UUID id, String owner, String tenantId, UUID petId, UUID jobId, String product,
                          String preset, String prompt, String negativePrompt, String sampler, int steps,
                          double cfgScale, int width, int height, long seed, int imageCount, String baseModel,
                          List<RenderedImage> finished, int attempts) {

    public ClaimedTask {
        finished = List.copyOf(finished);
    }

    static ClaimedTask of(RenderTask task, String owner) {
        return new ClaimedTask(task.id, owner, task.tenantId, task.petId, task.jobId, task.product, task.preset,
                task.prompt, task.negativePrompt, task.sampler, task.steps, task.cfgScale, task.width, task.height,
                task.seed, task.imageCount, task.baseModel, TaskResults.read(task), task.attempts);
    }
}
