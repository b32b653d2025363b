package com.pawprint.diffusion.unet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Typed reads from a diffusers {@code config.json}, where a missing or null key takes a given fallback. */
public final class ConfigJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String component;
    private final JsonNode json;

    private ConfigJson(String component, JsonNode json) {
        this.component = component;
        this.json = json;
    }

    /**
     * @param component what the file configures, for error messages ("UNet", "VAE")
     */
    public static ConfigJson parse(String component, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(component + " config.json is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(component + " config.json must hold a JSON object");
        }
        return new ConfigJson(component, root);
    }

    public boolean has(String key) {
        return json.hasNonNull(key);
    }

    public int intValue(String key, int fallback) {
        return has(key) ? json.get(key).asInt() : fallback;
    }

    public double doubleValue(String key, double fallback) {
        return has(key) ? json.get(key).asDouble() : fallback;
    }

    public boolean boolValue(String key, boolean fallback) {
        return has(key) ? json.get(key).asBoolean() : fallback;
    }

    public List<Integer> intList(String key, List<Integer> fallback) {
        return list(key, fallback, JsonNode::asInt);
    }

    public List<String> stringList(String key, List<String> fallback) {
        return list(key, fallback, JsonNode::asText);
    }

    /** A value that is either one integer for every stage or a list with one per stage. */
    public List<Integer> perStage(String key, int stages, List<Integer> fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = json.get(key);
        if (!value.isArray()) {
            return Collections.nCopies(stages, value.asInt());
        }
        List<Integer> values = intList(key, fallback);
        if (values.size() != stages) {
            throw new IllegalArgumentException(component + " config " + key + " " + values + " must have " + stages
                    + " entries, one per block");
        }
        return values;
    }

    /** Rejects a key whose value asks for something other than {@code supported} (null: the key must be absent). */
    public void requireAbsentOr(String key, String supported) {
        if (!has(key)) {
            return;
        }
        JsonNode node = json.get(key);
        String value = node.isValueNode() ? node.asText() : node.toString();
        if (!value.equals(supported)) {
            throw new IllegalArgumentException("unsupported " + component + " config " + key + " = " + value
                    + (supported == null ? " (only SD 1.x architectures are supported; it must be absent or null)"
                            : " (supported: " + supported + ")"));
        }
    }

    private <T> List<T> list(String key, List<T> fallback, Function<JsonNode, T> read) {
        if (!has(key)) {
            return fallback;
        }
        if (!json.get(key).isArray()) {
            throw new IllegalArgumentException(component + " config " + key + " must be a list");
        }
        List<T> values = new ArrayList<>();
        json.get(key).forEach(e -> values.add(read.apply(e)));
        return values;
    }
}
