package com.pawprint.render.style;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The style presets and which of them serve which merch product (catalogue ids), read from YAML. Each product's
 * entry is resolved to a full preset here, so a style a product names that does not exist fails at start-up.
 */
public record StyleCatalog(Map<String, StylePreset> styles, Map<String, List<ProductStyle>> products) {

    /** A product's preset, sized for it. */
    public record ProductPreset(String product, String style, StylePreset preset) {
    }

    public StyleCatalog {
        styles = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(styles, "styles are required")));
        if (products == null || products.isEmpty() || products.values().stream().anyMatch(List::isEmpty)) {
            // An order with nothing to render would never finish, and merch would never hear of it.
            throw new IllegalArgumentException("every product needs at least one style, and there must be products");
        }
        products = Collections.unmodifiableMap(new LinkedHashMap<>(products));
        for (String id : styles.keySet()) {
            requireId("style", id);
        }
        for (Map.Entry<String, List<ProductStyle>> product : products.entrySet()) {
            requireId("product", product.getKey());
            for (ProductStyle entry : product.getValue()) {
                if (!styles.containsKey(entry.style())) {
                    throw new IllegalArgumentException("product " + product.getKey() + " names style '"
                            + entry.style() + "', which is not defined");
                }
            }
        }
    }

    /* Ids name the files of an order's renders ({product}-{style}-{n}) and fill 64-character columns. */
    private static void requireId(String what, String id) {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,28}")) {
            throw new IllegalArgumentException(what + " id '" + id + "' must be 1-29 lower-case letters, digits and "
                    + "dashes");
        }
    }

    public Optional<StylePreset> style(String id) {
        return Optional.ofNullable(styles.get(id));
    }

    /** Every product's presets in catalogue order. */
    public List<ProductPreset> productPresets() {
        return products.entrySet().stream().flatMap(product -> product.getValue().stream()
                .map(entry -> new ProductPreset(product.getKey(), entry.style(), styles.get(entry.style())
                        .sized(entry.width(), entry.height(), entry.variants())))).toList();
    }

    /** The products a style serves. */
    public List<String> productsOf(String style) {
        return products.entrySet().stream()
                .filter(product -> product.getValue().stream().anyMatch(entry -> entry.style().equals(style)))
                .map(Map.Entry::getKey).toList();
    }

    /** Reads a catalogue; unknown keys are an error (a typo must not pass silently). */
    public static StyleCatalog read(InputStream yaml) {
        JsonMapper mapper = JsonMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            return mapper.readValue(yaml, StyleCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the style presets: " + e.getMessage(), e);
        }
    }
}
