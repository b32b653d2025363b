package com.pawprint.contracts;

import java.util.List;
import java.util.Objects;

/** The photos a training uses, in a stable order. */
public record DatasetManifest(List<DatasetImage> images) {

    public DatasetManifest {
        images = List.copyOf(Objects.requireNonNull(images, "dataset images are required"));
    }
}
