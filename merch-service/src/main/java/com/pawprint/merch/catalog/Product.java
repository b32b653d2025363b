package com.pawprint.merch.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A catalogue product: its variants (the first is the default) and its placements. */
public record Product(String id, String name, MockupStyle mockup, List<Variant> variants,
                      List<Placement> placements) {

    public Product {
        Objects.requireNonNull(id, "product id is required");
        Objects.requireNonNull(name, "product " + id + ": name is required");
        Objects.requireNonNull(mockup, "product " + id + ": mockup is required");
        if (variants == null || variants.isEmpty() || placements == null || placements.isEmpty()) {
            throw new IllegalArgumentException("product " + id + " needs at least one variant and one placement");
        }
        variants = List.copyOf(variants);
        placements = List.copyOf(placements);
    }

    public Variant defaultVariant() {
        return variants.get(0);
    }

    public Optional<Variant> variant(String variantId) {
        return variants.stream().filter(variant -> variant.id().equals(variantId)).findFirst();
    }

    public Optional<Placement> placement(String placementId) {
        return placements.stream().filter(placement -> placement.id().equals(placementId)).findFirst();
    }
}
