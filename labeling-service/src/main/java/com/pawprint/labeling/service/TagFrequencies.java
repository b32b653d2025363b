package com.pawprint.labeling.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each tag occurs across a dataset, in the shape kohya stores as {@code ss_tag_frequency}:
 * {@code {"<dataset folder>": {"<tag>": count}}}, tags in order of first appearance.
 */
public final class TagFrequencies {

    /** The dataset folder the images lie in (datasets/{job}/images), the key kohya would use. */
    public static final String DATASET_FOLDER = "images";

    private TagFrequencies() {
    }

    public static Map<String, Map<String, Integer>> of(Collection<String> captions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String caption : captions) {
            for (String tag : Tags.split(caption)) {
                counts.merge(tag, 1, Integer::sum);
            }
        }
        return Map.of(DATASET_FOLDER, counts);
    }
}
