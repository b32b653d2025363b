package com.pawprint.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticPetsTest {

    private static final PetLook GINGER_CAT = new PetLook(Species.CAT, FurColor.ORANGE, FurPattern.TABBY,
            EyeColor.GREEN);

    @Test
    void sameSpecAndSeedGiveTheSamePixels() {
        PetSpec spec = new PetSpec(GINGER_CAT, Pose.SITTING, Scene.ROOM, PetSpec.BACKGROUND_COLORS.get(1),
                Lighting.DAYLIGHT, 640, 800);
        SyntheticPet first = SyntheticPets.generate(spec, 42);
        SyntheticPet second = SyntheticPets.generate(spec, 42);
        assertArrayEquals(pixels(first.image()), pixels(second.image()));
        assertEquals(first.subjectBounds(), second.subjectBounds());
        assertFalse(Arrays.equals(pixels(first.image()), pixels(SyntheticPets.generate(spec, 43).image())));

        assertArrayEquals(pixels(SyntheticPets.random(Species.DOG, 5).image()),
                pixels(SyntheticPets.random(Species.DOG, 5).image()));
    }

    @Test
    void imagesHaveTheRequestedSizeAndNeverLessThan512() {
        for (SyntheticPet pet : SyntheticPets.dataset(Species.DOG, 5, 7)) {
            assertEquals(pet.spec().width(), pet.image().getWidth());
            assertEquals(pet.spec().height(), pet.image().getHeight());
            assertTrue(Math.min(pet.image().getWidth(), pet.image().getHeight()) >= PetSpec.MIN_SIDE);
        }
        assertThrows(IllegalArgumentException.class, () -> new PetSpec(GINGER_CAT, Pose.SITTING, Scene.PLAIN,
                PetSpec.BACKGROUND_COLORS.get(0), Lighting.DAYLIGHT, 511, 800));
    }

    @Test
    void aDatasetIsOnePetInEveryPoseSceneAndLighting() {
        List<SyntheticPet> photos = SyntheticPets.dataset(Species.CAT, 8, 99);
        assertEquals(8, photos.size());
        assertEquals(1, photos.stream().map(pet -> pet.spec().look()).distinct().count());
        assertEquals(EnumSet.allOf(Pose.class), photos.stream().map(pet -> pet.spec().pose())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Pose.class))));
        assertEquals(EnumSet.allOf(Scene.class), photos.stream().map(pet -> pet.spec().scene())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scene.class))));
        assertEquals(EnumSet.allOf(Lighting.class), photos.stream().map(pet -> pet.spec().lighting())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Lighting.class))));
    }

    @Test
    void randomPetsVaryInLookAndSubjectBoundsLieInsideTheFrame() {
        Set<PetLook> looks = new HashSet<>();
        for (long seed = 0; seed < 8; seed++) {
            SyntheticPet pet = SyntheticPets.random(seed % 2 == 0 ? Species.CAT : Species.DOG, seed);
            looks.add(pet.spec().look());
            Rectangle bounds = pet.subjectBounds();
            assertTrue(new Rectangle(pet.image().getWidth(), pet.image().getHeight()).contains(bounds));
            double share = (double) bounds.width * bounds.height / (pet.image().getWidth() * pet.image().getHeight());
            assertTrue(share > 0.12, "the pet fills only " + share + " of the frame");
        }
        assertTrue(looks.size() >= 6, "only " + looks.size() + " distinct looks");
    }

    @Test
    void theAnswerKeyMatchesThePixels() {
        for (FurColor fur : FurColor.values()) {
            PetLook look = new PetLook(Species.DOG, fur, FurPattern.SOLID, EyeColor.BROWN);
            NamedColor background = PetSpec.BACKGROUND_COLORS.get(fur.ordinal() % PetSpec.BACKGROUND_COLORS.size());
            PetSpec spec = new PetSpec(look, Pose.PORTRAIT, Scene.PLAIN, background, Lighting.DAYLIGHT, 512, 512);
            SyntheticPet pet = SyntheticPets.generate(spec, fur.ordinal());
            Rectangle bounds = pet.subjectBounds();
            // The shoulders, below the face.
            int coat = medianColor(pet.image(), bounds.x + bounds.width / 2 - 15, bounds.y + bounds.height * 85 / 100,
                    30, 30);
            assertEquals(fur, nearestFur(coat), fur + " painted as " + Integer.toHexString(coat));
            int corner = medianColor(pet.image(), 2, 2, 30, 30);
            assertTrue(distance(corner, background.rgb()) < 20, background.name() + " painted as "
                    + Integer.toHexString(corner));
        }
    }

    /**
     * The coat colour a simple colour namer would give: hue and saturation (the red-green and green-blue
     * differences) count fully, lightness half, because shading changes lightness but not the coat's hue.
     */
    private static FurColor nearestFur(int rgb) {
        FurColor nearest = null;
        for (FurColor fur : FurColor.values()) {
            if (nearest == null || coatDistance(rgb, fur.rgb()) < coatDistance(rgb, nearest.rgb())) {
                nearest = fur;
            }
        }
        return nearest;
    }

    private static double coatDistance(int a, int b) {
        int[] x = {(a >> 16) & 0xFF, (a >> 8) & 0xFF, a & 0xFF};
        int[] y = {(b >> 16) & 0xFF, (b >> 8) & 0xFF, b & 0xFF};
        double redGreen = (x[0] - x[1]) - (y[0] - y[1]);
        double greenBlue = (x[1] - x[2]) - (y[1] - y[2]);
        double lightness = (x[0] + x[1] + x[2] - y[0] - y[1] - y[2]) / 3.0;
        return Math.sqrt(redGreen * redGreen + greenBlue * greenBlue) + Math.abs(lightness) / 2;
    }

    static int medianColor(BufferedImage image, int x, int y, int width, int height) {
        int[] r = new int[width * height];
        int[] g = new int[width * height];
        int[] b = new int[width * height];
        int n = 0;
        for (int j = y; j < y + height; j++) {
            for (int i = x; i < x + width; i++) {
                int p = image.getRGB(i, j);
                r[n] = (p >> 16) & 0xFF;
                g[n] = (p >> 8) & 0xFF;
                b[n++] = p & 0xFF;
            }
        }
        Arrays.sort(r);
        Arrays.sort(g);
        Arrays.sort(b);
        return r[n / 2] << 16 | g[n / 2] << 8 | b[n / 2];
    }

    static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
        int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
