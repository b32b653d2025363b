package com.pawprint.training.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * lora-scripts' versioned output names: {@code mochi_v1_rank8_ep15} (name, version, rank, epochs). Names keep the
 * capitals {@code output_name} allows.
 */
public record VersionName(String name, int version, int rank, int epochs) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public VersionName {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a LoRA name must be letters, digits, '_' or '-' (at most 64), got '"
                    + name + "'");
        }
        if (version < 1 || rank < 1 || epochs < 1) {
            throw new IllegalArgumentException("version, rank and epochs must be >= 1");
        }
    }

    @Override
    public String toString() {
        return name + "_v" + version + "_rank" + rank + "_ep" + epochs;
    }

    /** A file-name-safe name from free text such as a folder or pet name ({@code "Mochi's pics"} is Mochi_s_pics). */
    public static String safeName(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^[_-]+", "");
        cleaned = cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
        return cleaned.isEmpty() ? "lora" : cleaned;
    }

    /** The next version of {@code name} in {@code outputDir}: one above the highest {@code name_vN_*} there. */
    public static int nextVersion(Path outputDir, String name) {
        Pattern existing = Pattern.compile(Pattern.quote(name) + "_v(\\d+)_.*");
        if (!Files.isDirectory(outputDir)) {
            return 1;
        }
        try (Stream<Path> files = Files.list(outputDir)) {
            return files.map(file -> existing.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(matcher -> Integer.parseInt(matcher.group(1)))
                    .max().orElse(0) + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + outputDir, e);
        }
    }
}
