package com.pawprint.samples;

/** Markings drawn over the base fur colour. */
public enum FurPattern {
    SOLID,
    /** Dark curved stripes over body, legs, tail and forehead. */
    TABBY,
    /** Irregular patches of a second colour. */
    SPOTTED,
    /** A dark coat with white chest, muzzle and paws. */
    TUXEDO
}
