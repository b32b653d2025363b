package com.pawprint.render.storage;

/** Where an order's renders stand: RENDERING until the last task finishes. */
public enum JobState {
    RENDERING,
    DONE,
    FAILED,
    CANCELED
}
