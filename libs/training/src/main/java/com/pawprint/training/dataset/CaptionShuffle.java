package com.pawprint.training.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * kohya's {@code shuffle_caption}: the caption's comma-separated tags after the first {@code keep_tokens} are
 * shuffled, so the model does not learn their order; the kept ones (the trigger token first) stay in front.
 */
public final class CaptionShuffle {

    private CaptionShuffle() {
    }

    public static List<String> tags(String caption) {
        return Arrays.stream(caption.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
    }

    public static String shuffled(String caption, int keepTokens, Random random) {
        List<String> tags = tags(caption);
        if (tags.size() <= keepTokens + 1) {
            return String.join(", ", tags);
        }
        List<String> rest = new ArrayList<>(tags.subList(keepTokens, tags.size()));
        Collections.shuffle(rest, random);
        List<String> result = new ArrayList<>(tags.subList(0, keepTokens));
        result.addAll(rest);
        return String.join(", ", result);
    }
}
