package com.pawprint.diffusion.lora;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * A LoRA file that does not fit the loaded model. The message names every problem: keys that match no module (by
 * module name, so a whole adapter reads as one line), tensors whose shapes do not fit, and incomplete adapters.
 */
public final class LoraFileException extends RuntimeException {

    private final transient Path file;
    private final List<String> unmatchedKeys;
    private final List<String> problems;

    LoraFileException(Path file, List<String> unmatchedKeys, List<String> problems) {
        super(message(file, unmatchedKeys, problems));
        this.file = file;
        this.unmatchedKeys = List.copyOf(unmatchedKeys);
        this.problems = List.copyOf(problems);
    }

    /** Every key of the file that matched no module of the loaded model. */
    public List<String> unmatchedKeys() {
        return unmatchedKeys;
    }

    /** Shape mismatches, incomplete adapters and other problems, one line each. */
    public List<String> problems() {
        return problems;
    }

    public Path file() {
        return file;
    }

    private static String message(Path file, List<String> unmatched, List<String> problems) {
        StringBuilder text = new StringBuilder("LoRA file ").append(file).append(" does not fit the loaded model");
        if (!unmatched.isEmpty()) {
            TreeSet<String> modules = new TreeSet<>();
            unmatched.forEach(key -> modules.add(moduleName(key)));
            text.append("; ").append(unmatched.size()).append(" keys match no module of the model (")
                    .append(modules.size()).append(" adapters): ").append(String.join(", ", modules));
        }
        if (!problems.isEmpty()) {
            text.append("; ").append(String.join("; ", problems));
        }
        return text.toString();
    }

    private static String moduleName(String key) {
        for (String suffix : List.of(".lora_down.weight", ".lora_up.weight", ".alpha", ".lora_A.weight",
                ".lora_B.weight")) {
            if (key.endsWith(suffix)) {
                return key.substring(0, key.length() - suffix.length()) + ".*";
            }
        }
        return key;
    }
}
