package com.pawprint.contracts;

import java.util.Locale;
import java.util.Optional;

/** The text formats a training config may be written in. */
public enum ConfigFormat {
    JSON,
    YAML;

    /**
     * The format of a request's {@code Content-Type}, ignoring parameters such as charset: {@code application/json}
     * and {@code *+json} are JSON; {@code application/yaml}, {@code application/x-yaml}, {@code text/yaml},
     * {@code text/x-yaml} and {@code *+yaml} are YAML; anything else is empty.
     */
    public static Optional<ConfigFormat> fromMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.endsWith("+json")) {
            return Optional.of(JSON);
        }
        if (type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml")
                || type.equals("text/x-yaml") || type.endsWith("+yaml")) {
            return Optional.of(YAML);
        }
        return Optional.empty();
    }
}
