package com.pawprint.contracts;

/** The pipeline stages; each is one service and reports its progress on {@link Topics#JOBS_PROGRESS}. */
public enum Stage {
    INGEST,
    LABELING,
    TRAINING,
    RENDERING,
    MERCH
}
