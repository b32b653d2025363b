package com.pawprint.render.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.render.storage.RenderTask;
import com.pawprint.render.storage.RenderedImage;

import java.util.List;

/** The finished images of a task, kept as a JSON array in its row. */
final class TaskResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskResults() {
    }

    static List<RenderedImage> read(RenderTask task) {
        try {
            return JSON.readValue(task.results, new TypeReference<List<RenderedImage>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("results of render task " + task.id + " are not a JSON list", e);
        }
    }

    static String write(List<RenderedImage> images) {
        try {
            return JSON.writeValueAsString(images);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
