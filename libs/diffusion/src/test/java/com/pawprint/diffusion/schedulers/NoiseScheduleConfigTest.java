package com.pawprint.diffusion.schedulers;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseScheduleConfigTest {

    /** runwayml/stable-diffusion-v1-5 scheduler/scheduler_config.json. */
    private static final String SD15_SCHEDULER_CONFIG = """
            {
              "_class_name": "PNDMScheduler",
              "_diffusers_version": "0.6.0",
              "beta_end": 0.012,
              "beta_schedule": "scaled_linear",
              "beta_start": 0.00085,
              "num_train_timesteps": 1000,
              "set_alpha_to_one": false,
              "skip_prk_steps": true,
              "steps_offset": 1,
              "trained_betas": null,
              "clip_sample": false
            }
            """;

    @Test
    void readsSd15sSchedulerConfig(@TempDir Path folder) throws IOException {
        Path json = Files.writeString(folder.resolve("scheduler_config.json"), SD15_SCHEDULER_CONFIG);
        assertEquals(NoiseScheduleConfig.sd15(), NoiseScheduleConfig.fromSchedulerConfig(json));
    }

    @Test
    void readsVPredictionAndLinearSchedules() throws IOException {
        NoiseScheduleConfig config = NoiseScheduleConfig.fromSchedulerConfig(new ObjectMapper().readTree(
                "{\"prediction_type\": \"v_prediction\", \"beta_schedule\": \"linear\", \"beta_start\": 0.0001,"
                        + " \"beta_end\": 0.02, \"steps_offset\": 0}"));
        assertEquals(PredictionType.V_PREDICTION, config.predictionType());
        assertEquals(BetaSchedule.LINEAR, config.betaSchedule());
        assertEquals(0.02f, new DdpmNoiseSchedule(config).beta(999));
        assertEquals(0.0001f, new DdpmNoiseSchedule(config).beta(0));
    }

    @Test
    void unsupportedSchedulesSayWhatIsSupported() throws IOException {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NoiseScheduleConfig.fromSchedulerConfig(new ObjectMapper().readTree(
                        "{\"beta_schedule\": \"squaredcos_cap_v2\"}")));
        assertTrue(error.getMessage().contains("scaled_linear"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NoiseScheduleConfig.fromSchedulerConfig(
                new ObjectMapper().readTree("{\"trained_betas\": [0.1, 0.2]}")));
        assertThrows(IllegalArgumentException.class, () -> new NoiseScheduleConfig(1000, 0.02, 0.01,
                BetaSchedule.LINEAR, PredictionType.EPSILON, 0, false));
    }
}
