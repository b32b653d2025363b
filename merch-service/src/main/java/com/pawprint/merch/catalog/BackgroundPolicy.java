package com.pawprint.merch.catalog;

/** What happens to the render's plain background. */
public enum BackgroundPolicy {
    /** Printed as rendered. */
    KEEP,
    /** Estimated from the border, flood-filled away and the edge feathered: the garment or the die-cut shows. */
    REMOVE
}
