package com.pawprint.training.run;

/**
 * The counters a checkpoint restores. Every random draw of the run is a function of the seed and these counters
 * (data order of the seed and epoch, noise and timesteps of the seed and micro-batch), so together with the LoRA and
 * the optimizer state they make a resumed run identical to a straight one.
 *
 * @param step optimizer steps done
 * @param epoch the epoch in progress (0-based)
 * @param batchInEpoch micro-batches of this epoch done
 * @param microBatches micro-batches done in the whole run
 * @param epochLossSum sum of this epoch's step losses, for kohya's loss/average
 * @param epochLossCount how many step losses that sum holds
 * @param lossScale the dynamic loss scale (1 when training in fp32)
 * @param lossScaleGoodSteps good steps since the loss scale last changed
 */
public record RunState(long step, int epoch, int batchInEpoch, long microBatches, double epochLossSum,
        int epochLossCount, double lossScale, int lossScaleGoodSteps) {

    public static RunState fresh(double lossScale) {
        return new RunState(0, 0, 0, 0, 0, 0, lossScale, 0);
    }
}
