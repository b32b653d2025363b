package com.pawprint.samples;

/** How the scene is lit. */
public enum Lighting {
    /** Even, neutral light: colours as painted. */
    DAYLIGHT,
    /** Strong light, close to overexposed. */
    BRIGHT,
    /** Little, warm light: dark and noisy. */
    DIM,
    /** Light from behind the pet: bright background, glow, the pet darker with a light rim. */
    BACKLIT
}
