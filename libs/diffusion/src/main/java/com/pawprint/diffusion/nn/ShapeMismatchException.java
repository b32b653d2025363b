package com.pawprint.diffusion.nn;

import ai.djl.ndarray.types.Shape;

/**
 * A checkpoint tensor has a different shape than the module built from the config expects, which usually means the
 * config does not describe the checkpoint. Raised before any native call so a wrong file never crashes the JVM.
 */
public class ShapeMismatchException extends IllegalArgumentException {

    public ShapeMismatchException(String key, Shape expected, Shape actual) {
        super("tensor '" + key + "' has shape " + actual + " but the model expects " + expected);
    }
}
