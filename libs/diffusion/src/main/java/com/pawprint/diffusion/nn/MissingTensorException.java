package com.pawprint.diffusion.nn;

/** A module asked for a weight its checkpoint does not have; the message names the full key. */
public class MissingTensorException extends IllegalArgumentException {

    private final String key;

    public MissingTensorException(String key) {
        super("checkpoint has no tensor '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
