package com.pawprint.labeling.service;

import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Species;
import com.pawprint.samples.EyeColor;
import com.pawprint.samples.FurColor;
import com.pawprint.samples.FurPattern;
import com.pawprint.samples.Lighting;
import com.pawprint.samples.NamedColor;
import com.pawprint.samples.PetLook;
import com.pawprint.samples.PetSpec;
import com.pawprint.samples.Pose;
import com.pawprint.samples.Scene;
import com.pawprint.samples.SyntheticPets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** On synthetic photos whose answer is known (libs/samples), the basic analysis names what was painted. */
class BasicCaptionerTest {

    private static final ImageAnalyzer ANALYZER = new ImageAnalyzer();

    private static ImageAnalysis analyze(FurColor fur, int background, Lighting lighting, Pose pose, long seed) {
        NamedColor backgroundColor = PetSpec.BACKGROUND_COLORS.get(background);
        PetSpec spec = new PetSpec(new PetLook(com.pawprint.samples.Species.CAT, fur, FurPattern.SOLID,
                EyeColor.values()[0]), pose, Scene.PLAIN, backgroundColor, lighting, 768, 768);
        return ANALYZER.analyze(SyntheticPets.generate(spec, seed).image());
    }

    /** Coat and background colour under even daylight; samples says "grey", captions say "gray". */
    @ParameterizedTest
    @CsvSource({
            "BLACK, 0, black, beige", "WHITE, 1, white, light blue", "GREY, 2, gray, sage green",
            "ORANGE, 3, orange, pink", "BROWN, 4, brown, lavender", "GOLDEN, 6, golden, navy",
            "GOLDEN, 5, golden, teal", "ORANGE, 8, orange, red"})
    void namesTheDominantColours(FurColor fur, int background, String furWord, String backgroundWord) {
        for (long seed : new long[] {3, 4}) {
            ImageAnalysis analysis = analyze(fur, background, Lighting.DAYLIGHT, Pose.SITTING, seed);
            assertThat(analysis.subjectColor()).as("coat, seed %d", seed).isEqualTo(furWord);
            assertThat(analysis.backgroundColor()).as("background, seed %d", seed).isEqualTo(backgroundWord);
            assertThat(analysis.busyBackground()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "BLACK, 2, DIM, dim lighting", "BROWN, 6, DIM, dim lighting", "GOLDEN, 8, DIM, dim lighting",
            "WHITE, 2, BRIGHT, bright lighting", "ORANGE, 4, BRIGHT, bright lighting",
            "BLACK, 3, BACKLIT, backlit", "BROWN, 7, BACKLIT, backlit"})
    void namesTheLighting(FurColor fur, int background, Lighting lighting, String expected) {
        assertThat(analyze(fur, background, lighting, Pose.SITTING, 3).lighting()).isEqualTo(expected);
    }

    /** A portrait is cut by the frame; sitting, lying and standing pets are painted whole. */
    @ParameterizedTest
    @CsvSource({"PORTRAIT, close-up", "SITTING, full body", "LYING, full body", "STANDING, full body"})
    void tellsCloseUpsFromFullBodyShots(Pose pose, String framing) {
        for (long seed = 3; seed < 10; seed++) {
            assertThat(analyze(FurColor.ORANGE, 1, Lighting.DAYLIGHT, pose, seed).framing()).as("seed %d", seed)
                    .isEqualTo(framing);
        }
    }

    @ParameterizedTest
    @CsvSource({"3", "9"})
    void captionsStartWithTriggerClassAndBreed(long seed) {
        PetSpec spec = new PetSpec(new PetLook(com.pawprint.samples.Species.CAT, FurColor.GREY, FurPattern.SOLID,
                EyeColor.values()[0]), Pose.SITTING, Scene.PLAIN, PetSpec.BACKGROUND_COLORS.get(0), Lighting.DAYLIGHT,
                768, 768);
        String caption = new BasicCaptioner().caption(SyntheticPets.generate(spec, seed).image(),
                new PetProfile("Mochi", Species.CAT, "British Shorthair", "mochi_cat"));
        assertThat(caption).startsWith("mochi_cat cat, british shorthair, gray fur, full body, ")
                .endsWith(", beige background");
    }
}
