package com.pawprint.render.storage;

/** One finished image of a task: its seed, the PNG's key and the web-size preview's key. */
public record RenderedImage(int index, long seed, String key, String previewKey) {
}
