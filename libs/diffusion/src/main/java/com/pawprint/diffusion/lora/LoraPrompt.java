package com.pawprint.diffusion.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with A1111's LoRA tags taken out: {@code <lora:name>}, {@code <lora:name:weight>} (both models),
 * {@code <lora:name:te:unet>} and the keyword forms {@code te=}, {@code unet=}.
 *
 * @param prompt        the prompt without tags, whitespace and commas tidied: for showing
 * @param loras         the requested LoRAs in prompt order
 * @param encoderPrompt the prompt the text encoder reads: each tag replaced by nothing and the rest as written, as
 *                      A1111's extra-network parser leaves it, because a comma the tidying would drop is a token
 *                      (and one a chunk may break after)
 */
public record LoraPrompt(String prompt, List<LoraReference> loras, String encoderPrompt) {

    private static final Pattern TAG = Pattern.compile("<lora:([^>]*)>");

    public LoraPrompt {
        loras = List.copyOf(loras);
    }

    /** Parses {@code text}; a malformed tag (empty name, bad number, too many parts) is an error naming it. */
    public static LoraPrompt parse(String text) {
        List<LoraReference> loras = new ArrayList<>();
        Matcher matcher = TAG.matcher(text);
        StringBuilder untagged = new StringBuilder();
        StringBuilder spaced = new StringBuilder();
        int end = 0;
        while (matcher.find()) {
            loras.add(reference(matcher.group(), matcher.group(1)));
            untagged.append(text, end, matcher.start());
            spaced.append(text, end, matcher.start()).append(' ');
            end = matcher.end();
        }
        untagged.append(text, end, text.length());
        spaced.append(text, end, text.length());
        return new LoraPrompt(tidy(spaced.toString()), loras, untagged.toString());
    }

    private static LoraReference reference(String tag, String body) {
        String[] parts = body.split(":", -1);
        String name = parts[0].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("LoRA tag " + tag + " has no name");
        }
        Double te = null;
        Double unet = null;
        int positional = 0;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.startsWith("te=")) {
                te = number(tag, part.substring(3));
            } else if (part.startsWith("unet=")) {
                unet = number(tag, part.substring(5));
            } else if (positional == 0) {
                te = number(tag, part);
                positional++;
            } else if (positional == 1) {
                unet = number(tag, part);
                positional++;
            } else {
                throw new IllegalArgumentException("LoRA tag " + tag + " has too many parts (expected "
                        + "<lora:name:weight> or <lora:name:te:unet>)");
            }
        }
        double textEncoder = te == null ? 1.0 : te;
        return new LoraReference(name, new LoraStrength(textEncoder, unet == null ? textEncoder : unet));
    }

    private static double number(String tag, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the tag
        }
        throw new IllegalArgumentException("LoRA tag " + tag + " has '" + text + "' where a number belongs");
    }

    private static String tidy(String text) {
        return text.replaceAll("\\s+", " ")
                .replaceAll(" +,", ",")
                .replaceAll(",(\\s*,)+", ",")
                .replaceAll("^[\\s,]+|[\\s,]+$", "");
    }
}
