package com.pawprint.training.run;

import java.nio.file.Path;

/** Hears a run's progress: the command draws its progress bar from it, the service publishes job status. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    default void started(TrainingPlan plan, long resumedAtStep) {
    }

    default void stepped(TrainingProgress progress) {
    }

    default void checkpointed(Checkpoint checkpoint) {
    }

    default void validated(long step, double loss) {
    }

    default void sampled(long step, Path image) {
    }
}
