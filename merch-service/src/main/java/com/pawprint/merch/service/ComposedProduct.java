package com.pawprint.merch.service;

import java.util.List;

/** The files of one composed product variant and placement (keys in the bucket) and its warnings. */
public record ComposedProduct(String product, String variant, String placement, String printFileKey,
                              String cutLineKey, String mockupKey, String thumbnailKey, List<String> warnings) {

    public ComposedProduct {
        warnings = List.copyOf(warnings);
    }
}
