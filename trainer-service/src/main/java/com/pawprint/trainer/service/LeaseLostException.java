package com.pawprint.trainer.service;

import java.util.UUID;

/** This worker's lease on the job ran out and another worker holds it now; this worker must stop touching it. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(UUID jobId) {
        super("the lease on job " + jobId + " is held by another worker");
    }
}
