package com.pawprint.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.schedulers.SamplerKind;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The txt2img pipeline on the tiny config (64x64 pixels, 8x8 latents), a few steps per run. */
class Txt2ImgTest {

    private static StableDiffusion model;

    @BeforeAll
    static void load() {
        model = StableDiffusion.random(ModelConfigs.tiny(), 42, ComputeDevice.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Txt2ImgRequest.Builder tiny(String prompt) {
        return Txt2ImgRequest.builder(prompt).size(64, 48).steps(3).seed(7).sampler(SamplerKind.EULER_A);
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static int maxChannelDifference(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        int max = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs((pa[i] >> shift & 0xff) - (pb[i] >> shift & 0xff)));
            }
        }
        return max;
    }

    @Test
    void producesImagesOfTheRequestedSizeAndTheirSeeds() {
        Txt2ImgResult result = model.generate(tiny("a cat").build());
        assertEquals(1, result.images().size());
        BufferedImage image = result.images().get(0);
        assertEquals(64, image.getWidth());
        assertEquals(48, image.getHeight());
        assertEquals(List.of(7L), result.seeds());
        assertTrue(java.util.Arrays.stream(pixels(image)).distinct().count() > 10, "the image is not flat");
    }

    @Test
    void theSameSeedGivesIdenticalBytesAndAnotherSeedDifferentOnes() {
        int[] first = pixels(model.generate(tiny("a dog").build()).images().get(0));
        int[] again = pixels(model.generate(tiny("a dog").build()).images().get(0));
        int[] other = pixels(model.generate(tiny("a dog").seed(8).build()).images().get(0));
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void reportsEveryStepWithElapsedTimeAndEta() {
        List<StepProgress> reports = new ArrayList<>();
        model.generate(tiny("a cat").steps(4).build(), reports::add, CancellationToken.NONE);
        assertEquals(4, reports.size());
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(i + 1, reports.get(i).step());
            assertEquals(4, reports.get(i).totalSteps());
            assertTrue(reports.get(i).elapsed().compareTo(Duration.ZERO) > 0);
        }
        assertTrue(reports.get(0).eta().compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, reports.get(3).eta());
    }

    @Test
    void cancellingBetweenStepsStopsTheRun() {
        CancellationToken token = new CancellationToken();
        List<StepProgress> reports = new ArrayList<>();
        GenerationCancelledException cancelled = assertThrows(GenerationCancelledException.class,
                () -> model.generate(tiny("a cat").steps(5).build(), progress -> {
                    reports.add(progress);
                    if (progress.step() == 2) {
                        token.cancel();
                    }
                }, token));
        assertEquals(2, cancelled.completedSteps());
        assertEquals(5, cancelled.totalSteps());
        assertEquals(2, reports.size());
        // The model is still usable afterwards.
        assertEquals(1, model.generate(tiny("a cat").steps(1).build()).images().size());
    }

    @Test
    void theNegativePromptSteersTheGuidedImage() {
        BufferedImage plain = model.generate(tiny("a cat").build()).images().get(0);
        BufferedImage steered = model.generate(tiny("a cat").negativePrompt("blurry, dark").build()).images().get(0);
        assertTrue(maxChannelDifference(plain, steered) > 0);
    }

    @Test
    void guidanceOneSkipsTheUnconditionalBranchAndMatchesTheGuidedFormula() {
        Txt2ImgRequest unguided = tiny("a cat").guidanceScale(1.0).negativePrompt("blurry").build();
        assertFalse(unguided.usesGuidance());
        BufferedImage withNegative = model.generate(unguided).images().get(0);
        BufferedImage withoutNegative = model.generate(unguided.toBuilder().negativePrompt("").build()).images().get(0);
        assertArrayEquals(pixels(withNegative), pixels(withoutNegative), "the negative prompt is not used at 1.0");

        BufferedImage guided = model.generate(unguided.toBuilder().guidanceScale(1.0 + 1e-6).build()).images().get(0);
        assertTrue(maxChannelDifference(withNegative, guided) <= 1,
                "uncond + 1.0 * (cond - uncond) is the conditional prediction");
    }

    @Test
    void aBatchEqualsSingleRunsOfConsecutiveSeeds() {
        Txt2ImgResult batch = model.generate(tiny("a cat").batchSize(2).seed(100).build());
        assertEquals(List.of(100L, 101L), batch.seeds());
        BufferedImage first = model.generate(tiny("a cat").seed(100).build()).images().get(0);
        BufferedImage second = model.generate(tiny("a cat").seed(101).build()).images().get(0);
        assertTrue(maxChannelDifference(batch.images().get(0), first) <= 1);
        assertTrue(maxChannelDifference(batch.images().get(1), second) <= 1);
        assertTrue(maxChannelDifference(first, second) > 1);
    }

    @Test
    void everySamplerRuns() {
        for (SamplerKind kind : SamplerKind.values()) {
            Txt2ImgResult result = model.generate(tiny("a cat").sampler(kind).steps(2).build());
            assertEquals(64, result.images().get(0).getWidth(), kind.id());
        }
    }

    @Test
    void clipSkipChangesTheImageAndIsBoundedByTheLayerCount() {
        BufferedImage last = model.generate(tiny("a cat").build()).images().get(0);
        BufferedImage penultimate = model.generate(tiny("a cat").clipSkip(2).build()).images().get(0);
        assertTrue(maxChannelDifference(last, penultimate) > 0);
        IllegalArgumentException tooDeep = assertThrows(IllegalArgumentException.class,
                () -> model.generate(tiny("a cat").clipSkip(3).build()));
        assertTrue(tooDeep.getMessage().contains("2 layers"), tooDeep.getMessage());
    }

    @Test
    void imageSidesMustBeMultiplesOfEight() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> tiny("a cat").size(60, 64).build());
        assertTrue(odd.getMessage().contains("width must be a multiple of 8"), odd.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> tiny("a cat").size(64, 0).build());
        assertTrue(zero.getMessage().contains("height"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tiny("a cat").steps(0).build());
        assertThrows(IllegalArgumentException.class, () -> tiny("a cat").batchSize(0).build());
    }
}
