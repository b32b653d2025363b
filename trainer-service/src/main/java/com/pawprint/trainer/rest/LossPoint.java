package com.pawprint.trainer.rest;

/** One optimizer step of the loss curve, from the run's logs/steps.csv. */
public record LossPoint(long step, int epoch, double loss, double averageLoss) {
}
