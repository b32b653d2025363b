package com.pawprint.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes synthetic pet photos to a folder, with a {@code manifest.csv} answer key, and optionally the bad
 * samples. Usage:
 * <pre>
 * SampleCli OUT_DIR [--count N] [--species cat|dog|both] [--seed S] [--format jpg|png] [--one-pet] [--bad]
 * </pre>
 * {@code --one-pet} writes one individual in varied photos (an owner's upload, see
 * {@link SyntheticPets#dataset}); without it every photo shows a different pet.
 */
public final class SampleCli {

    private SampleCli() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("usage: SampleCli OUT_DIR [--count N] [--species cat|dog|both] [--seed S]"
                    + " [--format jpg|png] [--one-pet] [--bad]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int count = 12;
        String species = "both";
        long seed = 1;
        String format = "jpg";
        boolean onePet = false;
        boolean bad = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--species" -> species = args[++i].toLowerCase(Locale.ROOT);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--format" -> format = args[++i].toLowerCase(Locale.ROOT);
                case "--one-pet" -> onePet = true;
                case "--bad" -> bad = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        List<SyntheticPet> pets = pets(species, count, seed, onePet);
        try (PrintStream manifest = new PrintStream(Files.newOutputStream(out.resolve("manifest.csv")), true,
                StandardCharsets.UTF_8)) {
            manifest.println("file,species,fur,pattern,eyes,pose,scene,background,lighting,width,height,seed,"
                    + "subject_x,subject_y,subject_width,subject_height");
            for (int i = 0; i < pets.size(); i++) {
                SyntheticPet pet = pets.get(i);
                PetSpec spec = pet.spec();
                String name = String.format(Locale.ROOT, "%s-%03d.%s", spec.species().label(), i, format);
                byte[] bytes = format.equals("png") ? SyntheticPets.png(pet.image()) : SyntheticPets.jpeg(pet.image());
                Files.write(out.resolve(name), bytes);
                manifest.printf(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%d,%d,%d,%d%n", name,
                        spec.species().label(), spec.look().fur().label(), lower(spec.look().pattern()),
                        spec.look().eyes().label(), lower(spec.pose()), lower(spec.scene()),
                        spec.backgroundColor().name(), lower(spec.lighting()), spec.width(), spec.height(),
                        pet.seed(), pet.subjectBounds().x, pet.subjectBounds().y, pet.subjectBounds().width,
                        pet.subjectBounds().height);
            }
        }
        if (bad) {
            writeBadSamples(out.resolve("bad"), pets.get(0));
        }
        System.out.println("wrote " + pets.size() + " photos to " + out.toAbsolutePath());
    }

    private static List<SyntheticPet> pets(String species, int count, long seed, boolean onePet) {
        List<SyntheticPet> pets = new ArrayList<>(count);
        if (onePet) {
            Species chosen = species.equals("dog") ? Species.DOG : Species.CAT;
            return SyntheticPets.dataset(chosen, count, seed);
        }
        for (int i = 0; i < count; i++) {
            Species chosen = switch (species) {
                case "cat" -> Species.CAT;
                case "dog" -> Species.DOG;
                default -> i % 2 == 0 ? Species.CAT : Species.DOG;
            };
            pets.add(SyntheticPets.random(chosen, seed * 1_000_003L + i));
        }
        return pets;
    }

    private static void writeBadSamples(Path dir, SyntheticPet pet) throws IOException {
        Files.createDirectories(dir);
        byte[] jpeg = SyntheticPets.jpeg(pet.image());
        Files.write(dir.resolve("blurred.jpg"), SyntheticPets.jpeg(BadSamples.blurred(pet.image(), 8)));
        Files.write(dir.resolve("tiny.jpg"), SyntheticPets.jpeg(BadSamples.tiny(pet.image(), 200)));
        Files.write(dir.resolve("truncated.jpg"), BadSamples.truncated(jpeg, 0.6));
        Files.write(dir.resolve("bomb.png"), BadSamples.pngBomb(30000, 30000));
        Files.write(dir.resolve("not-an-image.jpg"), BadSamples.notAnImage());
        Files.write(dir.resolve("empty.jpg"), BadSamples.empty());
        Files.write(dir.resolve("original.jpg"), jpeg);
        Files.write(dir.resolve("near-duplicate.jpg"), SyntheticPets.jpeg(BadSamples.nearDuplicate(pet.image(), 7)));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
