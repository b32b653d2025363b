package com.pawprint.training.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.training.run.BaseModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run was and what it gave, beside the LoRA as {@code <version>.json}: enough to reproduce or compare it.
 *
 * @param validationLosses {@code [step, loss]} pairs, the first before any training
 */
public record ExperimentRecord(String versionName, String status, String reason, TrainingConfig config,
        BaseModel baseModel, Dataset dataset, long seed, Map<String, String> versions, String device,
        String precision, Losses losses, List<double[]> validationLosses, Timings timings, String bestCheckpoint,
        boolean overfitting, String loraSha256) {

    /** The photos trained on: their count, the held-out and class images, and one hash over all of them. */
    public record Dataset(String name, int trainingImages, int validationImages, int regularizationImages,
            String sha256) {
    }

    public record Losses(Double first, Double last, Double lastEpochAverage) {
    }

    /** Seconds: the whole run, until the first optimizer step ended, and steps per second after that. */
    public record Timings(long startedAt, long finishedAt, double seconds, double secondsToFirstStep,
            double stepsPerSecond) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment record " + file, e);
        }
    }
}
