package com.pawprint.training.models;

/** Work the base model's licence does not allow. */
public final class LicenseException extends RuntimeException {

    public LicenseException(String message) {
        super(message);
    }
}
