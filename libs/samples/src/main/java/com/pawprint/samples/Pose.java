package com.pawprint.samples;

/** How the pet is posed in the frame. */
public enum Pose {
    /** Seen from the front, sitting on its haunches. */
    SITTING,
    /** Side view, lying with its front paws stretched out and its head up. */
    LYING,
    /** Side view on four legs. */
    STANDING,
    /** Close-up of head and shoulders. */
    PORTRAIT
}
