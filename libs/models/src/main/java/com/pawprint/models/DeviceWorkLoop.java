package com.pawprint.models;

import java.util.function.BooleanSupplier;

/**
 * The work loop of a process that holds a model on its device: one unit of work at a time, taken from a shared
 * queue for as long as some is waiting, and drained by {@link #pause()} (the unit in hand finishes, no new one is
 * taken until {@link #resume()}). trainer-service and render-service poll through it.
 */
public final class DeviceWorkLoop {

    private volatile boolean paused;
    private volatile boolean busy;

    /** Runs {@code runNext} (true when it found and did work) until it finds none or the loop is paused. */
    public void drain(BooleanSupplier runNext) {
        // Busy before looking at the pause flag (and pause() the other way round): a pause never misses a claim.
        busy = true;
        try {
            while (!paused && runNext.getAsBoolean()) {
                // Keep going while work is waiting; the caller's poll interval applies only to an empty queue.
            }
        } finally {
            busy = false;
        }
    }

    /** Takes no further work; the unit in hand runs to its end. Wait for {@link #isIdle()} to know it has. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** No work in hand (paused or not). */
    public boolean isIdle() {
        return !busy;
    }
}
