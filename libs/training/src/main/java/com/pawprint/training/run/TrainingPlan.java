package com.pawprint.training.run;

import com.pawprint.contracts.TrainingConfig;
import com.pawprint.training.dataset.AspectBuckets;
import com.pawprint.training.dataset.BucketResolution;
import com.pawprint.training.dataset.TrainingDataset;
import com.pawprint.training.dataset.TrainingImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a run will do: each epoch's batches, and the optimizer steps in all. An epoch holds every training photo and
 * as many class images (cycling through them, a different window each epoch, as kohya balances regularization),
 * grouped by bucket, shuffled within buckets, cut into batches and the batches shuffled, all from the seed and the
 * epoch alone.
 */
public final class TrainingPlan {

    private final TrainingConfig config;
    private final TrainingDataset dataset;
    private final AspectBuckets buckets;
    private final int epochs;
    private final long totalSteps;

    public TrainingPlan(TrainingConfig config, TrainingDataset dataset) {
        this.config = config;
        this.dataset = dataset;
        this.buckets = config.enableBucket()
                ? AspectBuckets.of(config.resolution(), config.minBucketReso(), config.maxBucketReso())
                : AspectBuckets.square(config.resolution());
        long steps = 0;
        int epoch = 0;
        Integer cap = config.maxTrainSteps();
        while (epoch < (cap == null ? config.epochs() : Integer.MAX_VALUE) && (cap == null || steps < cap)) {
            steps += stepsIn(epoch);
            epoch++;
        }
        this.epochs = epoch;
        this.totalSteps = cap == null ? steps : Math.min(steps, cap);
    }

    public BucketResolution bucketOf(TrainingImage image) {
        return buckets.select(image.width(), image.height());
    }

    /** Epochs the run starts (the last may stop early at max_train_steps). */
    public int epochs() {
        return epochs;
    }

    public long totalSteps() {
        return totalSteps;
    }

    public int stepsIn(int epoch) {
        int batches = batches(epoch).size();
        return (batches + config.gradientAccumulationSteps() - 1) / config.gradientAccumulationSteps();
    }

    /** The micro-batches of {@code epoch}, in training order. */
    public List<List<TrainingImage>> batches(int epoch) {
        Random random = new Random(config.seed() * 1_000_003L + epoch);
        List<TrainingImage> pool = new ArrayList<>(dataset.training());
        List<TrainingImage> regularization = dataset.regularization();
        for (int i = 0; i < dataset.training().size() && !regularization.isEmpty(); i++) {
            pool.add(regularization.get((epoch * dataset.training().size() + i) % regularization.size()));
        }
        Map<BucketResolution, List<TrainingImage>> byBucket = new LinkedHashMap<>();
        for (TrainingImage image : pool) {
            byBucket.computeIfAbsent(bucketOf(image), unused -> new ArrayList<>()).add(image);
        }
        List<List<TrainingImage>> batches = new ArrayList<>();
        for (List<TrainingImage> images : byBucket.values()) {
            Collections.shuffle(images, random);
            for (int start = 0; start < images.size(); start += config.batchSize()) {
                batches.add(List.copyOf(images.subList(start, Math.min(images.size(), start + config.batchSize()))));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}
