package com.pawprint.merch.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The products merch-service composes, read from YAML. */
public record Catalog(List<Product> products) {

    public Catalog {
        products = List.copyOf(Objects.requireNonNull(products, "products are required"));
        Set<String> ids = new HashSet<>();
        for (Product product : products) {
            if (!ids.add(product.id())) {
                throw new IllegalArgumentException("product id " + product.id() + " appears twice");
            }
        }
    }

    public Optional<Product> product(String productId) {
        return products.stream().filter(product -> product.id().equals(productId)).findFirst();
    }

    /** Reads a catalogue; enum values are case-insensitive, unknown keys are an error (a typo must not pass). */
    public static Catalog read(InputStream yaml) {
        JsonMapper mapper = JsonMapper.builder(new YAMLFactory())
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            return mapper.readValue(yaml, Catalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the product catalogue: " + e.getMessage(), e);
        }
    }
}
