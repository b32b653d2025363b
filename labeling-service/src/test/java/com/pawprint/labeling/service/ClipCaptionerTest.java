package com.pawprint.labeling.service;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Species;
import com.pawprint.diffusion.clip.ClipConfig;
import com.pawprint.diffusion.clip.ClipModel;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import com.pawprint.samples.SyntheticPets;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The CLIP captioner's pipeline on a small generated CLIP (tiny towers, random weights): shapes, scores, cuts. */
class ClipCaptionerTest {

    private static final PetProfile MOCHI = new PetProfile("Mochi", Species.CAT, "British Shorthair", "mochi_cat");
    private static final PetProfile REX = new PetProfile("Rex", Species.DOG, null, "rex_dog");
    private static final BufferedImage PHOTO = SyntheticPets.random(com.pawprint.samples.Species.CAT, 2).image();

    private static ClipCaptioner tiny(long seed, UnaryOperator<ClipVocabulary> calibration) {
        NDManager manager = NDManager.newBaseManager();
        ClipModel model = ClipModel.load(Weights.of(GeneratedTensorSource.random(seed), manager, DataType.FLOAT32),
                ClipConfig.tiny());
        return new ClipCaptioner(manager, model, ClipTokenizer.bundled(), calibration);
    }

    @Test
    void scoresEveryVocabularyWithAProbabilityPerLabel() {
        try (ClipCaptioner captioner = tiny(1, UnaryOperator.identity())) {
            List<ClipCaptioner.Verdict> verdicts = captioner.score(PHOTO, MOCHI);
            assertThat(verdicts).extracting(verdict -> verdict.vocabulary().name()).containsExactly(
                    "fur color", "fur pattern", "eye color", "pose", "action", "setting", "lighting", "shot type");
            for (ClipCaptioner.Verdict verdict : verdicts) {
                assertThat(verdict.probabilities()).hasSize(verdict.vocabulary().labels().size());
                float sum = 0;
                float max = 0;
                for (float p : verdict.probabilities()) {
                    assertThat(p).isBetween(0f, 1f);
                    sum += p;
                    max = Math.max(max, p);
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
                int winner = verdict.vocabulary().labels().indexOf(verdict.winner());
                assertThat(verdict.probabilities()[winner]).isEqualTo(max);
                assertThat(verdict.kept()).isEqualTo(max >= verdict.vocabulary().threshold());
            }
            assertThat(captioner.score(PHOTO, REX)).extracting(verdict -> verdict.vocabulary().name())
                    .startsWith("breed", "fur color");
        }
    }

    @Test
    void thresholdsDecideWhichWinnersBecomeTags() {
        try (ClipCaptioner everything = tiny(1, vocabulary -> vocabulary.withThreshold(0));
             ClipCaptioner nothing = tiny(1, vocabulary -> vocabulary.withThreshold(1))) {
            String all = everything.caption(PHOTO, MOCHI);
            List<String> tags = Tags.split(all);
            assertThat(tags).hasSize(2 + 8);
            assertThat(tags.subList(0, 2)).containsExactly("mochi_cat cat", "british shorthair");
            assertThat(tags.get(2)).endsWith(" fur");
            assertThat(nothing.caption(PHOTO, MOCHI)).isEqualTo("mochi_cat cat, british shorthair");
        }
        assertThat(ClipVocabulary.curated(Species.CAT, false).get(0).threshold()).isEqualTo(2.0 / 7);
    }

    @Test
    void sameModelAndPhotoGiveTheSameCaptionOtherWeightsMayNot() {
        try (ClipCaptioner first = tiny(5, vocabulary -> vocabulary.withThreshold(0));
             ClipCaptioner again = tiny(5, vocabulary -> vocabulary.withThreshold(0));
             ClipCaptioner other = tiny(6, vocabulary -> vocabulary.withThreshold(0))) {
            String caption = first.caption(PHOTO, MOCHI);
            assertThat(first.caption(PHOTO, MOCHI)).isEqualTo(caption);
            assertThat(again.caption(PHOTO, MOCHI)).isEqualTo(caption);
            assertThat(first.score(PHOTO, MOCHI).get(0).probabilities())
                    .isNotEqualTo(other.score(PHOTO, MOCHI).get(0).probabilities());
        }
    }
}
