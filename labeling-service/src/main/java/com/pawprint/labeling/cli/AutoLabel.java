package com.pawprint.labeling.cli;

import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Species;
import com.pawprint.imaging.DecodeLimits;
import com.pawprint.imaging.DecodedImage;
import com.pawprint.imaging.Outcome;
import com.pawprint.imaging.SafeDecoder;
import com.pawprint.labeling.service.BasicCaptioner;
import com.pawprint.labeling.service.CaptionChecks;
import com.pawprint.labeling.service.CaptionWarning;
import com.pawprint.labeling.service.Captioner;
import com.pawprint.labeling.service.ClipCaptioner;
import com.pawprint.labeling.service.MetadataCsv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * lora-scripts' {@code auto-label} on a local folder, with no services: captions every JPEG, PNG and WebP in
 * {@code --input} with the same captioners as the service, writes {@code --output} (metadata.csv) and a .txt
 * caption beside each image. Run through {@code labeling-service/bin/auto-label}.
 */
public final class AutoLabel {

    static final String USAGE = """
            usage: auto-label --input DIR --output DIR/metadata.csv [--trigger TOKEN] [--class cat|dog|other]
                              [--breed "british shorthair"] [--clip-model DIR]
              --trigger     the pet's trigger token (default: the input folder's name)
              --class       the species, whose class word follows the trigger (default: other, "pet")
              --clip-model  a transformers CLIP folder (config.json, model.safetensors); default: basic analysis""";

    private AutoLabel() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return 0 when at least one image was captioned, 1 when none could be, 2 for bad arguments */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path input = null;
        Path output = null;
        String trigger = null;
        Species species = Species.OTHER;
        String breed = null;
        Path clipModel = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--input" -> input = Path.of(required(args[i], value));
                    case "--output" -> output = Path.of(required(args[i], value));
                    case "--trigger" -> trigger = required(args[i], value);
                    case "--class" -> species = species(required(args[i], value));
                    case "--breed" -> breed = required(args[i], value);
                    case "--clip-model" -> clipModel = Path.of(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (input == null || output == null) {
                throw new IllegalArgumentException("--input and --output are required");
            }
            if (!Files.isDirectory(input)) {
                throw new IllegalArgumentException("--input is not a folder: " + input);
            }
        } catch (IllegalArgumentException e) {
            err.println("auto-label: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (trigger == null) {
            trigger = input.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_");
        }
        PetProfile pet = new PetProfile(trigger, species, breed, trigger);
        try {
            Captioner captioner = clipModel == null ? new BasicCaptioner() : ClipCaptioner.load(clipModel);
            return label(input, output, pet, captioner, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("auto-label: " + e.getMessage());
            return 1;
        }
    }

    private static int label(Path input, Path output, PetProfile pet, Captioner captioner, PrintStream out,
                             PrintStream err) throws IOException {
        List<Path> images;
        try (Stream<Path> files = Files.list(input)) {
            images = files.filter(Files::isRegularFile).filter(AutoLabel::isImage).sorted().toList();
        }
        SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());
        CaptionChecks checks = CaptionChecks.withBundledTokenizer();
        List<MetadataCsv.Row> rows = new ArrayList<>();
        for (Path image : images) {
            Outcome<DecodedImage> decoded = decoder.decode(Files.readAllBytes(image));
            if (!decoded.isOk()) {
                err.println("warning: skipped " + image.getFileName() + ": " + decoded.rejection().message());
                continue;
            }
            String caption = captioner.caption(decoded.value().image(), pet);
            for (CaptionWarning warning : checks.check(caption, pet)) {
                err.println("warning: " + image.getFileName() + ": " + warning.message());
            }
            String name = image.getFileName().toString();
            rows.add(new MetadataCsv.Row(name, caption));
            Files.writeString(image.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".txt"), caption,
                    StandardCharsets.UTF_8);
        }
        if (rows.isEmpty()) {
            err.println("auto-label: no image in " + input + " could be captioned");
            return 1;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, MetadataCsv.write(rows), StandardCharsets.UTF_8);
        out.println("captioned " + rows.size() + " of " + images.size() + " images with the " + captioner.name()
                + " captioner: " + output);
        return 0;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png") || name.endsWith(".webp");
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static Species species(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cat" -> Species.CAT;
            case "dog" -> Species.DOG;
            case "other", "pet" -> Species.OTHER;
            default -> throw new IllegalArgumentException("--class must be cat, dog or other, got " + name);
        };
    }
}
