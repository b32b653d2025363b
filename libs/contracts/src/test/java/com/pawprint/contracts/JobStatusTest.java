package com.pawprint.contracts;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static com.pawprint.contracts.JobStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobStatusTest {

    @Test
    void onlyDoneFailedAndCanceledAreTerminal() {
        for (JobStatus status : JobStatus.values()) {
            assertEquals(EnumSet.of(DONE, FAILED, CANCELED).contains(status), status.isTerminal(), status.name());
        }
    }

    @Test
    void theChainMovesForward() {
        assertTrue(RECEIVED.canTransitionTo(CAPTIONING));
        assertTrue(CAPTIONING.canTransitionTo(TRAINING));
        assertTrue(CAPTIONING.canTransitionTo(AWAITING_REVIEW));
        assertTrue(AWAITING_REVIEW.canTransitionTo(TRAINING));
        assertTrue(AWAITING_REVIEW.canTransitionTo(CAPTIONING));
        assertTrue(TRAINING.canTransitionTo(RENDERING));
        assertTrue(RENDERING.canTransitionTo(COMPOSING));
        assertTrue(COMPOSING.canTransitionTo(DONE));
    }

    @Test
    void theChainDoesNotSkipOrGoBack() {
        assertFalse(RECEIVED.canTransitionTo(TRAINING));
        assertFalse(TRAINING.canTransitionTo(CAPTIONING));
        assertFalse(RENDERING.canTransitionTo(DONE));
        assertFalse(TRAINING.canTransitionTo(TRAINING));
    }

    @Test
    void everyUnfinishedJobCanFailOrBeCanceledAndFinishedJobsNeverMove() {
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                if (from.isTerminal()) {
                    assertFalse(from.canTransitionTo(to), from + " -> " + to);
                }
            }
            if (!from.isTerminal()) {
                assertTrue(from.canTransitionTo(FAILED), from.name());
                assertTrue(from.canTransitionTo(CANCELED), from.name());
            }
        }
    }
}
