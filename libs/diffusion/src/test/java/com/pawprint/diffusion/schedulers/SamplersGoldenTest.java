package com.pawprint.diffusion.schedulers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import static com.pawprint.diffusion.schedulers.SchedulerGolden.assertClose;
import static com.pawprint.diffusion.schedulers.SchedulerGolden.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sampler against reference_schedulers.py: timesteps, initial noise sigma, the scaled UNet input and the
 * sample after each step of a 10- and a 20-step run, for epsilon and v-prediction. Each step starts from the
 * reference's sample, so per-step error does not accumulate; DPM++ 2M still carries its own previous prediction.
 */
class SamplersGoldenTest {

    private static NDManager manager;
    private static Shape shape;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        JsonNode dims = SchedulerGolden.root().get("shape");
        shape = new Shape(dims.get(0).asLong(), dims.get(1).asLong(), dims.get(2).asLong(), dims.get(3).asLong());
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void everySamplerMatchesTheReference() {
        int checked = 0;
        for (JsonNode golden : SchedulerGolden.root().get("samplers")) {
            replay(golden);
            checked++;
        }
        assertEquals(2 * 2 * 8, checked, "runs in the golden file");
    }

    private static void replay(JsonNode golden) {
        String name = golden.get("sampler").asText();
        int steps = golden.get("steps").asInt();
        String prediction = golden.get("prediction_type").asText();
        String run = name + "/" + steps + "/" + prediction;
        JsonNode inputs = inputsFor(steps);
        DdpmNoiseSchedule schedule = new DdpmNoiseSchedule(withPrediction(prediction));

        try (Sampler sampler = create(name, schedule, steps)) {
            assertEquals(steps, sampler.steps(), run);
            assertClose(golden.get("timesteps"), sampler.timesteps(), run + " timesteps");
            assertClose(golden.get("init_noise_sigma").asDouble(), sampler.initNoiseSigma(), run + " init sigma");

            NoiseSource recordedNoise = recorded(inputs.get("noises"));
            NDArray sample = manager.create(floats(inputs.get("start")), shape).mul(sampler.initNoiseSigma());
            for (int i = 0; i < steps; i++) {
                assertClose(golden.get("scaled_inputs").get(i), sampler.scaleModelInput(sample, i),
                        run + " scaled input " + i);
                NDArray modelOutput = manager.create(floats(inputs.get("model_outputs").get(i)), shape);
                NDArray next = sampler.step(modelOutput, i, sample, recordedNoise);
                assertClose(golden.get("samples").get(i), next, run + " sample after step " + i);
                sample = manager.create(floats(golden.get("samples").get(i)), shape);
            }
        }
    }

    private static Sampler create(String name, DdpmNoiseSchedule schedule, int steps) {
        if (name.equals("ddim_eta1")) {
            return new DdimSampler(schedule, steps, 1.0);
        }
        return SamplerKind.fromName(name).create(schedule, steps);
    }

    /** Replays the reference's per-step noise in order, as the ancestral samplers draw it. */
    private static NoiseSource recorded(JsonNode noises) {
        Deque<float[]> queue = new ArrayDeque<>();
        noises.forEach(noise -> queue.add(floats(noise)));
        return (target, requested) -> {
            assertTrue(!queue.isEmpty(), "more noise drawn than the reference drew");
            return target.create(queue.poll(), requested);
        };
    }

    private static JsonNode inputsFor(int steps) {
        for (JsonNode inputs : SchedulerGolden.root().get("inputs")) {
            if (inputs.get("steps").asInt() == steps) {
                return inputs;
            }
        }
        throw new AssertionError("no inputs for " + steps + " steps");
    }

    private static NoiseScheduleConfig withPrediction(String prediction) {
        NoiseScheduleConfig sd15 = NoiseScheduleConfig.sd15();
        return new NoiseScheduleConfig(sd15.trainTimesteps(), sd15.betaStart(), sd15.betaEnd(), sd15.betaSchedule(),
                PredictionType.valueOf(prediction.toUpperCase(Locale.ROOT)), sd15.stepsOffset(),
                sd15.setAlphaToOne());
    }
}
