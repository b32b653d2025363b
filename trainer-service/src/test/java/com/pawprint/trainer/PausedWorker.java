package com.pawprint.trainer;

import com.pawprint.trainer.service.TrainingWorker;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Pauses the service's own worker for tests that keep jobs queued or drive workers themselves. A test profile
 * would restart Quarkus, and PyTorch's native library cannot be loaded again by the restarted class loader.
 */
final class PausedWorker {

    private PausedWorker() {
    }

    static void pause(TrainingWorker worker) {
        worker.pause();
        await().atMost(Duration.ofSeconds(90)).until(worker::isIdle);
    }
}
