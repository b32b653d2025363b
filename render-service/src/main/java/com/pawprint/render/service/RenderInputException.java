package com.pawprint.render.service;

/** A render that cannot be made as asked (a missing LoRA, a tag naming another tenant's): the task fails with it. */
public class RenderInputException extends RuntimeException {

    public RenderInputException(String message) {
        super(message);
    }
}
