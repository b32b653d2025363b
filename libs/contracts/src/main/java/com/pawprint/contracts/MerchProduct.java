package com.pawprint.contracts;

import java.util.List;
import java.util.Objects;

/**
 * The files of one product variant and placement: the print file for the printer, a mockup and its thumbnail, the
 * die-cut line of a sticker as a separate file (null for products that are not die-cut), and warnings a person should read (for example an effective resolution under 150 DPI).
 */
public record MerchProduct(
        String product,
        String variant,
        String placement,
        String printFileKey,
        String mockupKey,
        String thumbnailKey,
        String cutLineKey,
        List<String> warnings) {

    public MerchProduct {
        Objects.requireNonNull(product, "merch product is required");
        Objects.requireNonNull(variant, "merch variant is required");
        Objects.requireNonNull(placement, "merch placement is required");
        Objects.requireNonNull(printFileKey, "merch printFileKey is required");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
