package com.pawprint.training.dataset;

import com.pawprint.imaging.DecodeLimits;
import com.pawprint.imaging.ImageHeader;
import com.pawprint.imaging.Outcome;
import com.pawprint.imaging.SafeDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The images of one run: the captioned training photos (from a metadata CSV, else {@code <image>.txt} captions as
 * kohya reads them), the held-out validation photos, and the class images for prior preservation, each checked to
 * exist and decode before training starts.
 */
public record TrainingDataset(String name, List<TrainingImage> training, List<TrainingImage> validation,
        List<TrainingImage> regularization) {

    private static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".webp");
    private static final SafeDecoder DECODER = new SafeDecoder(DecodeLimits.defaults());

    public TrainingDataset {
        training = List.copyOf(training);
        validation = List.copyOf(validation);
        regularization = List.copyOf(regularization);
    }

    /**
     * Reads a lora-scripts dataset folder.
     *
     * @param metadata the CSV, or null for {@code .txt} captions beside the images
     * @param regularizationDir class images (all captioned {@code classPrompt}), or null
     * @throws DatasetException naming every missing or unreadable file, CSV row and empty set
     */
    public static TrainingDataset read(Path dataDir, Path metadata, Path regularizationDir, String classPrompt) {
        if (!Files.isDirectory(dataDir)) {
            throw new DatasetException("train_data_dir " + dataDir + " is not a folder");
        }
        List<String> problems = new ArrayList<>();
        List<TrainingImage> training = new ArrayList<>();
        if (metadata != null) {
            if (!Files.isRegularFile(metadata)) {
                throw new DatasetException("metadata_path " + metadata + " does not exist");
            }
            Path root = dataDir.toAbsolutePath().normalize();
            for (CaptionRow row : CaptionCsv.read(metadata)) {
                String where = metadata.getFileName() + " line " + row.line() + ": ";
                Path file = root.resolve(row.fileName()).normalize();
                if (!file.startsWith(root)) {
                    problems.add(where + "'" + row.fileName() + "' is outside train_data_dir");
                } else if (!Files.isRegularFile(file)) {
                    problems.add(where + "'" + row.fileName() + "' does not exist in " + dataDir);
                } else {
                    image(row.fileName(), file, row.caption(), false, where, problems, training);
                }
            }
        } else {
            for (Path file : imagesIn(dataDir, problems)) {
                Path captionFile = file.resolveSibling(stem(file) + ".txt");
                if (!Files.isRegularFile(captionFile)) {
                    problems.add(file.getFileName() + " has no caption: write " + captionFile.getFileName()
                            + " or give metadata_path");
                    continue;
                }
                try {
                    String caption = Files.readString(captionFile).strip();
                    image(file.getFileName().toString(), file, caption, false, "", problems, training);
                } catch (IOException e) {
                    problems.add("cannot read " + captionFile + ": " + e.getMessage());
                }
            }
        }
        List<TrainingImage> regularization = new ArrayList<>();
        if (regularizationDir != null) {
            if (!Files.isDirectory(regularizationDir)) {
                problems.add("reg_data_dir " + regularizationDir + " is not a folder");
            } else {
                for (Path file : imagesIn(regularizationDir, problems)) {
                    image(file.getFileName().toString(), file, classPrompt, true, "", problems, regularization);
                }
                if (regularization.isEmpty()) {
                    problems.add("reg_data_dir " + regularizationDir + " holds no usable image");
                }
            }
        }
        if (training.isEmpty() && problems.isEmpty()) {
            problems.add("the dataset in " + dataDir + " has no usable image");
        }
        if (!problems.isEmpty()) {
            throw new DatasetException(problems);
        }
        return new TrainingDataset(dataDir.toAbsolutePath().normalize().getFileName().toString(), training,
                List.of(), regularization);
    }

    /**
     * Holds out {@code fraction} of the training photos (at least one when the fraction is above 0 and two or more
     * photos remain), chosen by {@code seed} so a resumed run holds out the same ones.
     */
    public TrainingDataset withValidationSplit(double fraction, long seed) {
        if (fraction <= 0 || training.size() < 2) {
            return this;
        }
        List<TrainingImage> shuffled = new ArrayList<>(training);
        java.util.Collections.shuffle(shuffled, new Random(seed));
        int held = Math.max(1, (int) Math.round(training.size() * fraction));
        held = Math.min(held, training.size() - 1);
        List<TrainingImage> validation = shuffled.subList(0, held);
        List<TrainingImage> kept = training.stream().filter(image -> !validation.contains(image)).toList();
        return new TrainingDataset(name, kept, validation, regularization);
    }

    /** kohya's {@code ss_tag_frequency}: per dataset folder, how often each caption tag occurs. */
    public Map<String, Map<String, Integer>> tagFrequency() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrainingImage image : training) {
            for (String tag : CaptionShuffle.tags(image.caption())) {
                counts.merge(tag, 1, Integer::sum);
            }
        }
        return Map.of(name, counts);
    }

    /** Decodes {@code image} upright in sRGB, as training reads it. */
    public static java.awt.image.BufferedImage decode(TrainingImage image) {
        try {
            Outcome<com.pawprint.imaging.DecodedImage> decoded = DECODER.decode(Files.readAllBytes(image.file()));
            if (!decoded.isOk()) {
                throw new DatasetException(image.name() + " is not a usable image: " + decoded.rejection().message());
            }
            return decoded.value().image();
        } catch (IOException e) {
            throw new DatasetException("cannot read " + image.file() + ": " + e.getMessage());
        }
    }

    private static void image(String name, Path file, String caption, boolean regularization, String where,
            List<String> problems, List<TrainingImage> into) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Outcome<ImageHeader> header = DECODER.inspect(bytes);
            if (!header.isOk()) {
                problems.add(where + name + " is not a usable image: " + header.rejection().message());
                return;
            }
            into.add(new TrainingImage(name, file, caption, header.value().uprightWidth(), header.value().uprightHeight(),
                    regularization));
        } catch (IOException e) {
            problems.add(where + "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<Path> imagesIn(Path dir, List<String> problems) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> IMAGE_SUFFIXES.stream().anyMatch(suffix ->
                            file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix)))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
