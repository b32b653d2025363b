package com.pawprint.models;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceWorkLoopTest {

    @Test
    void drainTakesWorkUntilTheQueueIsEmpty() {
        DeviceWorkLoop loop = new DeviceWorkLoop();
        AtomicInteger waiting = new AtomicInteger(3);
        AtomicInteger done = new AtomicInteger();
        loop.drain(() -> {
            assertFalse(loop.isIdle());
            if (waiting.getAndDecrement() <= 0) {
                return false;
            }
            done.incrementAndGet();
            return true;
        });
        assertEquals(3, done.get());
        assertTrue(loop.isIdle());
    }

    @Test
    void aPausedLoopTakesNothingUntilResumed() {
        DeviceWorkLoop loop = new DeviceWorkLoop();
        AtomicInteger calls = new AtomicInteger();
        loop.pause();
        loop.drain(() -> calls.incrementAndGet() < 2);
        assertEquals(0, calls.get());
        loop.resume();
        loop.drain(() -> calls.incrementAndGet() < 2);
        assertEquals(2, calls.get());
    }

    @Test
    void aPauseDuringWorkLetsTheUnitInHandFinishAndStops() {
        DeviceWorkLoop loop = new DeviceWorkLoop();
        AtomicInteger calls = new AtomicInteger();
        loop.drain(() -> {
            calls.incrementAndGet();
            loop.pause();
            return true;
        });
        assertEquals(1, calls.get());
        assertTrue(loop.isIdle());
    }
}
