package com.pawprint.samples;

/** What is behind the pet. */
public enum Scene {
    /** One flat colour. */
    PLAIN,
    /** A vertical gradient from the background colour to a darker tone. */
    GRADIENT,
    /** A wall in the background colour with a window, a wooden floor. */
    ROOM,
    /** A lawn under a sky; the background colour is the grass green. */
    GRASS,
    /** The pet on a sofa in the background colour, a wall behind. */
    SOFA
}
