package com.pawprint.labeling.service;

import com.pawprint.contracts.PetProfile;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import com.pawprint.diffusion.tokenizer.PromptTokens;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a caption the way training will read it: CLIP sees at most 75 text tokens (77 with start and end), so
 * anything after that is silently lost; a caption without the trigger token teaches the LoRA nothing about the pet.
 */
public final class CaptionChecks {

    private final ClipTokenizer tokenizer;

    public CaptionChecks(ClipTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static CaptionChecks withBundledTokenizer() {
        return new CaptionChecks(ClipTokenizer.bundled());
    }

    public List<CaptionWarning> check(String caption, PetProfile pet) {
        List<CaptionWarning> warnings = new ArrayList<>();
        String leading = Tags.leadingTag(pet);
        if (caption == null || caption.isBlank()) {
            warnings.add(new CaptionWarning("empty", "the caption is empty; the photo would train on nothing",
                    null, null, leading));
            return warnings;
        }
        if (!Tags.split(caption).stream().anyMatch(tag -> containsWord(tag, pet.triggerToken()))) {
            List<String> tags = new ArrayList<>(Tags.split(caption));
            tags.add(0, leading);
            warnings.add(new CaptionWarning("missing-trigger", "the caption does not contain the trigger token '"
                    + pet.triggerToken() + "', so this photo does not teach the LoRA the pet", null, null,
                    Tags.join(tags)));
        }
        PromptTokens tokens = tokenizer.tokenize(caption);
        if (tokens.truncated()) {
            String dropped = tokens.droppedText();
            String kept = tokens.cleanedText().substring(0, Math.max(0, tokens.droppedFrom())).strip();
            warnings.add(new CaptionWarning("too-long", "the caption has " + tokens.tokenCount()
                    + " CLIP tokens; only the first " + ClipTokenizer.MAX_TEXT_TOKENS + " are read, the text is cut"
                    + " before \"" + dropped + "\"", kept, dropped, null));
        }
        return warnings;
    }

    private static boolean containsWord(String tag, String word) {
        for (String part : tag.split("\\s+")) {
            if (part.equals(word)) {
                return true;
            }
        }
        return false;
    }
}
