package com.pawprint.merch.catalog;

import java.util.Objects;

/** One purchasable version of a product: its colour (with the hex the mockup paints) and size. */
public record Variant(String id, String colour, String colourHex, String size) {

    public Variant {
        Objects.requireNonNull(id, "variant id is required");
        Objects.requireNonNull(colour, "variant " + id + ": colour is required");
        if (colourHex == null || !colourHex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("variant " + id + ": colourHex must be #rrggbb, got " + colourHex);
        }
        Objects.requireNonNull(size, "variant " + id + ": size is required");
    }

    public int rgb() {
        return Integer.parseInt(colourHex.substring(1), 16);
    }
}
