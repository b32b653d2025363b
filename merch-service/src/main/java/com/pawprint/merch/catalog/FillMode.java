package com.pawprint.merch.catalog;

/** How a design fills its print area when the placement does not say otherwise. */
public enum FillMode {
    /** Scaled to cover the whole area, the overflow cropped (paper goods printed edge to edge). */
    COVER,
    /** Scaled to fit inside the area, centred, the rest left as background (apparel, mugs, stickers). */
    CONTAIN
}
