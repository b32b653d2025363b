package com.pawprint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.imaging.GateVerdict;
import com.pawprint.imaging.PerceptualHash;
import com.pawprint.imaging.QualityGate;
import com.pawprint.imaging.QualityGateConfig;
import com.pawprint.imaging.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples against the real quality gate: good ones pass, each bad one fails for its own reason. */
class BadSamplesGateTest {

    private final QualityGate gate = new QualityGate(QualityGateConfig.defaults());

    @Test
    void aWholeDatasetPassesTheGateWithoutNearDuplicates() {
        List<PerceptualHash> accepted = new ArrayList<>();
        for (SyntheticPet pet : SyntheticPets.dataset(Species.DOG, 8, 2024)) {
            GateVerdict verdict = gate.check(SyntheticPets.jpeg(pet.image()), accepted);
            if (verdict instanceof GateVerdict.Accepted ok) {
                accepted.add(ok.photo().hash());
            } else {
                throw new AssertionError(pet.spec() + " rejected: " + ((GateVerdict.Rejected) verdict).rejection());
            }
        }
        assertEquals(8, accepted.size());
    }

    @Test
    void differentSeedsGiveDifferentPerceptualHashes() {
        List<PerceptualHash> hashes = new ArrayList<>();
        for (long seed = 100; seed < 106; seed++) {
            hashes.add(PerceptualHash.of(SyntheticPets.random(seed % 2 == 0 ? Species.CAT : Species.DOG, seed)
                    .image()));
        }
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = i + 1; j < hashes.size(); j++) {
                int distance = hashes.get(i).distance(hashes.get(j));
                assertTrue(distance > QualityGateConfig.DEFAULT_MAX_DUPLICATE_DISTANCE,
                        "seeds " + (100 + i) + " and " + (100 + j) + " are " + distance + " bits apart");
            }
        }
    }

    @Test
    void eachBadSampleIsRejectedForItsReason() {
        SyntheticPet pet = SyntheticPets.random(Species.CAT, 11);
        byte[] jpeg = SyntheticPets.jpeg(pet.image());
        GateVerdict original = gate.check(jpeg, List.of());
        assertTrue(original.accepted(), original.toString());
        PerceptualHash hash = ((GateVerdict.Accepted) original).photo().hash();

        assertRejected(RejectionReason.TOO_BLURRY, SyntheticPets.jpeg(BadSamples.blurred(pet.image(), 8)));
        assertRejected(RejectionReason.TOO_SMALL, SyntheticPets.jpeg(BadSamples.tiny(pet.image(), 200)));
        assertRejected(RejectionReason.TRUNCATED, BadSamples.truncated(jpeg, 0.6));
        assertRejected(RejectionReason.TOO_LARGE_DIMENSIONS, BadSamples.pngBomb(30000, 30000));
        assertRejected(RejectionReason.NOT_AN_IMAGE, BadSamples.notAnImage());
        assertRejected(RejectionReason.EMPTY, BadSamples.empty());
        GateVerdict duplicate = gate.check(SyntheticPets.jpeg(BadSamples.nearDuplicate(pet.image(), 3)),
                List.of(hash));
        assertEquals(RejectionReason.NEAR_DUPLICATE, ((GateVerdict.Rejected) duplicate).rejection().reason());
        assertTrue(BadSamples.pngBomb(30000, 30000).length < 8192);
    }

    private void assertRejected(RejectionReason reason, byte[] bytes) {
        GateVerdict verdict = gate.check(bytes, List.of());
        assertTrue(verdict instanceof GateVerdict.Rejected, reason + " was accepted");
        assertEquals(reason, ((GateVerdict.Rejected) verdict).rejection().reason());
    }
}
