package com.pawprint.samples;

import java.util.Random;

/** One individual pet: what stays the same in every photo of it. */
public record PetLook(Species species, FurColor fur, FurPattern pattern, EyeColor eyes) {

    /** A random individual of {@code species}; tuxedo coats are only dark, tabby stripes never on white. */
    public static PetLook random(Species species, Random random) {
        FurColor fur = pick(random, FurColor.values());
        FurPattern pattern = pick(random, FurPattern.values());
        if (pattern == FurPattern.TUXEDO && !fur.isDark()) {
            pattern = FurPattern.SOLID;
        }
        if (pattern == FurPattern.TABBY && fur == FurColor.WHITE) {
            pattern = FurPattern.SPOTTED;
        }
        EyeColor eyes = species == Species.CAT
                ? pick(random, new EyeColor[] {EyeColor.GREEN, EyeColor.AMBER, EyeColor.BLUE, EyeColor.YELLOW})
                : pick(random, new EyeColor[] {EyeColor.BROWN, EyeColor.BROWN, EyeColor.AMBER, EyeColor.BLUE});
        return new PetLook(species, fur, pattern, eyes);
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
