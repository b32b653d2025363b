package com.pawprint.labeling.service;

import com.pawprint.contracts.PetProfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Captions as kohya reads them: comma-separated tags, the first one {@code <trigger token> <class word>}. */
public final class Tags {

    private Tags() {
    }

    /** The tags of a caption, trimmed, empty ones dropped. */
    public static List<String> split(String caption) {
        List<String> tags = new ArrayList<>();
        for (String tag : caption.split(",")) {
            String trimmed = tag.strip();
            if (!trimmed.isEmpty()) {
                tags.add(trimmed);
            }
        }
        return tags;
    }

    public static String join(List<String> tags) {
        return String.join(", ", tags);
    }

    /** The leading tag every caption of the pet starts with, e.g. {@code mochi_cat cat}. */
    public static String leadingTag(PetProfile pet) {
        return pet.triggerToken() + " " + pet.species().classWord();
    }

    /** The leading tag, the breed when the pet record has one, then the attributes, each once. */
    public static String caption(PetProfile pet, List<String> attributes) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        tags.add(leadingTag(pet));
        if (pet.breed() != null && !pet.breed().isBlank()) {
            tags.add(pet.breed().strip().toLowerCase(java.util.Locale.ROOT));
        }
        attributes.stream().map(String::strip).filter(tag -> !tag.isEmpty()).forEach(tags::add);
        return join(List.copyOf(tags));
    }
}
