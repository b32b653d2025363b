package com.pawprint.render.style;

import java.util.Objects;

/**
 * A style a merch product is rendered in, at the size the product's print area needs (a mug's wrap is wide, a
 * poster tall); size and variants not given are the style's.
 */
public record ProductStyle(String style, Integer width, Integer height, Integer variants) {

    public ProductStyle {
        Objects.requireNonNull(style, "a product's style entry needs a style");
    }
}
