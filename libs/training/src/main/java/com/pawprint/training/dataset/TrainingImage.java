package com.pawprint.training.dataset;

import java.nio.file.Path;

/**
 * One image the run trains on, with its caption; {@code regularization} marks a class image for prior preservation,
 * whose loss counts {@code prior_loss_weight} times.
 */
public record TrainingImage(String name, Path file, String caption, int width, int height, boolean regularization) {
}
