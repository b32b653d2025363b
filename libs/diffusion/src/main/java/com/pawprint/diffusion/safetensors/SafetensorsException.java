package com.pawprint.diffusion.safetensors;

/**
 * A safetensors file is unreadable or lies about its contents. Thrown before any data reaches the native engine, so
 * a broken file is an error message, never a crashed JVM.
 */
public class SafetensorsException extends RuntimeException {

    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
