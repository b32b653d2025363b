package com.pawprint.diffusion.lora;

import static com.pawprint.diffusion.lora.TinyModel.maxAbsDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.nn.LoraTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Side-path and merged application on the tiny model: equivalence, linearity, exact detaching. The model is shared
 * by the tests: each one detaches what it attaches, which is itself under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoraApplyTest {

    private NDManager manager;
    private TinyModel model;
    private NDArray baseline;

    @BeforeAll
    void open() {
        manager = NDManager.newBaseManager();
        model = new TinyModel(manager, 11);
    }

    /** Per test: unmerging leaves fp32 rounding in the shared weights. */
    @BeforeEach
    void baseline() {
        baseline = model.denoise();
    }

    @AfterAll
    void close() {
        manager.close();
    }

    private LoraNetwork trained(long seed) {
        LoraNetwork network = LoraNetwork.create(model.base(), 4, 2, seed, manager);
        TinyModel.randomizeUp(network, seed);
        return network;
    }

    @Test
    void freshNetworkCoversTheTinyModelAndChangesNothing() {
        try (LoraNetwork network = LoraNetwork.create(model.base(), 4, 2, 1, manager)) {
            assertEquals(192, network.modules(LoraComponent.UNET).size(), "16 transformers x 12, as in SD 1.5");
            assertEquals(12, network.modules(LoraComponent.TEXT_ENCODER).size(), "2 CLIP layers x 6");
            for (LoraMode mode : LoraMode.values()) {
                try (AppliedLora applied = network.apply(mode, LoraStrength.of(1))) {
                    assertEquals(0.0, maxAbsDifference(baseline, model.denoise()), mode.name());
                }
            }
        }
    }

    @Test
    void downIsKaimingUniformFromTheSeedAndScaleIsAlphaOverRank() {
        try (LoraNetwork a = LoraNetwork.create(model.base(), 4, 2, 7, manager);
                LoraNetwork b = LoraNetwork.create(model.base(), 4, 2, 7, manager);
                LoraNetwork c = LoraNetwork.create(model.base(), 4, 0, 8, manager)) {
            LoraModule module = a.modules(LoraComponent.UNET).get(0);
            double bound = 1 / Math.sqrt(module.down().getShape().size() / 4.0);
            float[] down = module.down().toFloatArray();
            double max = 0;
            for (float value : down) {
                max = Math.max(max, Math.abs(value));
            }
            assertTrue(max <= bound && max > 0.8 * bound, "uniform in +-1/sqrt(fan_in): max " + max + ", bound " + bound);
            assertArrayEquals(down, b.modules(LoraComponent.UNET).get(0).down().toFloatArray(), "same seed");
            assertTrue(maxAbsDifference(module.down(), c.modules(LoraComponent.UNET).get(0).down()) > 0);
            assertEquals(0.5, module.scale());
            assertEquals(1.0, c.modules().get(0).scale(), "alpha 0 means alpha = rank");
            assertTrue(module.down().hasGradient() && module.up().hasGradient(), "created networks are trainable");
        }
    }

    @Test
    void mergedAndSidePathGiveEqualOutputsAndDeltaIsLinearInStrength() {
        try (LoraNetwork network = trained(3)) {
            NDArray side;
            try (AppliedLora applied = network.apply(LoraMode.SIDE_PATH, LoraStrength.of(1))) {
                side = model.denoise();
            }
            NDArray merged;
            try (AppliedLora applied = network.apply(LoraMode.MERGED, LoraStrength.of(1))) {
                merged = model.denoise();
            }
            double effect = maxAbsDifference(side, baseline);
            assertTrue(effect > 1e-2, "the LoRA changes the output: " + effect);
            assertTrue(maxAbsDifference(side, merged) < 1e-4 * effect + 1e-5,
                    "merged vs side path: " + maxAbsDifference(side, merged));

            // Only the UNet, so the output is linear in the multiplier up to second-order terms of the LoRA; the
            // first-order check uses a small multiplier and its double.
            NDArray small;
            try (AppliedLora applied = network.apply(LoraMode.SIDE_PATH, new LoraStrength(0, 0.001))) {
                small = model.denoise().sub(baseline);
            }
            NDArray doubled;
            try (AppliedLora applied = network.apply(LoraMode.SIDE_PATH, new LoraStrength(0, 0.002))) {
                doubled = model.denoise().sub(baseline);
            }
            double scale = doubled.abs().max().getFloat();
            assertTrue(scale > 0);
            assertTrue(maxAbsDifference(doubled, small.mul(2)) < 0.01 * scale,
                    "delta doubles with strength: " + maxAbsDifference(doubled, small.mul(2)) + " of " + scale);
        }
    }

    @Test
    void eachModuleDeltaIsExactlyLinearInStrength() {
        try (LoraNetwork network = trained(4)) {
            LoraModule module = network.modules(LoraComponent.UNET).get(5);
            NDArray one = module.delta(1);
            assertTrue(maxAbsDifference(module.delta(0.35), one.mul(0.35f)) < 1e-6 * one.abs().max().getFloat());
            assertTrue(maxAbsDifference(module.delta(-2), one.mul(-2f)) < 1e-6 * one.abs().max().getFloat());
            NDArray x = TinyModel.random(manager, new ai.djl.ndarray.types.Shape(3, module.down().getShape().get(1),
                    1, 1), 5);
            NDArray input = module.down().getShape().dimension() == 4 ? x : x.reshape(3, -1);
            NDArray branch = module.sidePath(0.7).apply(input);
            NDArray twice = module.sidePath(1.4).apply(input);
            assertTrue(maxAbsDifference(twice, branch.mul(2)) < 1e-5 * twice.abs().max().getFloat() + 1e-7);
        }
    }

    @Test
    void textEncoderAndUnetMultipliersAreSeparate() {
        NDArray plainText = model.text.encode(model.ids, 1);
        try (LoraNetwork network = trained(5)) {
            try (AppliedLora applied = network.apply(LoraMode.SIDE_PATH, new LoraStrength(0, 1))) {
                assertEquals(0.0, maxAbsDifference(model.text.encode(model.ids, 1), plainText),
                        "te multiplier 0 leaves the text encoder alone");
                assertTrue(maxAbsDifference(model.denoise(), baseline) > 1e-3, "while the UNet part applies");
            }
            try (AppliedLora applied = network.apply(LoraMode.MERGED, new LoraStrength(1, 0))) {
                assertTrue(maxAbsDifference(model.text.encode(model.ids, 1), plainText) > 1e-3);
            }
            assertTrue(maxAbsDifference(model.text.encode(model.ids, 1), plainText) < 1e-5, "unmerged");
        }
    }

    @Test
    void unmergingRestoresEveryWeightAndDetachingRestoresTheOutput() {
        Map<String, float[]> before = weights();
        try (LoraNetwork first = trained(6); LoraNetwork second = trained(7)) {
            List<LoraUse> uses = List.of(new LoraUse(first, LoraStrength.of(0.8)),
                    new LoraUse(second, new LoraStrength(0.3, -0.6)));
            AppliedLora merged = AppliedLora.apply(LoraMode.MERGED, uses);
            NDArray mergedOut = model.denoise();
            merged.close();
            merged.close();
            Map<String, float[]> after = weights();
            for (Map.Entry<String, float[]> entry : before.entrySet()) {
                float[] original = entry.getValue();
                float[] restored = after.get(entry.getKey());
                for (int i = 0; i < original.length; i++) {
                    assertEquals(original[i], restored[i], Math.ulp(original[i]) * 4 + 1e-7f, entry.getKey());
                }
            }
            NDArray unmerged = model.denoise();
            assertTrue(maxAbsDifference(unmerged, baseline) < 1e-5, "unmerged output: fp32 rounding only");
            try (AppliedLora side = AppliedLora.apply(LoraMode.SIDE_PATH, uses)) {
                assertTrue(maxAbsDifference(model.denoise(), mergedOut) < 1e-4, "two LoRAs: merged = side path");
            }
            AppliedLora forgotten = first.apply(LoraMode.SIDE_PATH, LoraStrength.of(1));
            first.close();
            assertTrue(forgotten.isClosed(), "closing a network detaches it");
            assertEquals(0.0, maxAbsDifference(model.denoise(), unmerged), "side paths detached exactly");
        }
    }

    private Map<String, float[]> weights() {
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (LoraComponent component : LoraComponent.values()) {
            for (LoraTarget target : model.base().registry(component).all()) {
                weights.put(component + target.path(), target.weight().toFloatArray());
            }
        }
        return weights;
    }
}
