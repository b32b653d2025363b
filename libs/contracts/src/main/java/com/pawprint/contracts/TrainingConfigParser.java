package com.pawprint.contracts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a training config a client sent as YAML or JSON: unknown options, values of the wrong type and broken rules
 * are all reported together in one {@link InvalidConfigException}. Options not given take their defaults; empty
 * text means every default.
 */
public final class TrainingConfigParser {

    /** Longer documents are refused before parsing; a real config is a few hundred bytes. */
    public static final int MAX_LENGTH = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TrainingConfigParser() {
    }

    /**
     * @throws InvalidConfigException when the text is malformed or any option is unknown, mistyped or out of range
     */
    public static TrainingConfig parse(String text, ConfigFormat format) {
        return parse(text, format, ConfigUse.SERVICE);
    }

    /**
     * As {@link #parse(String, ConfigFormat)}, with the rules of {@code use} (the command takes local paths).
     *
     * @throws InvalidConfigException when the text is malformed or any option is unknown, mistyped or out of range
     */
    public static TrainingConfig parse(String text, ConfigFormat format, ConfigUse use) {
        Objects.requireNonNull(format, "format is required");
        if (text == null || text.isBlank()) {
            return check(JSON.createObjectNode(), use);
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("config must be at most " + MAX_LENGTH + " characters, got " + text.length());
        }
        JsonNode tree;
        try {
            tree = (format == ConfigFormat.JSON ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("malformed " + format + where(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return check(JSON.createObjectNode(), use);
        }
        if (!tree.isObject()) {
            throw invalid("config must be a mapping of option names to values, got "
                    + tree.getNodeType().name().toLowerCase() + " " + abbreviate(tree.toString()));
        }
        return check(tree, use);
    }

    /** Option values keyed by snake_case name, as {@link TrainingConfig#of(Map)} takes them. */
    static TrainingConfig parse(Map<String, ?> options, ConfigUse use) {
        return check(JSON.valueToTree(options), use);
    }

    private static TrainingConfig check(JsonNode tree, ConfigUse use) {
        List<Violation> violations = new ArrayList<>();
        TrainingConfig config = TrainingOptions.build(tree, true, violations);
        for (Violation rule : config.validate(use)) {
            if (violations.stream().noneMatch(found -> found.field().equals(rule.field()))) {
                violations.add(rule);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigException(violations);
        }
        return config;
    }

    private static InvalidConfigException invalid(String message) {
        return new InvalidConfigException(List.of(new Violation(Violation.DOCUMENT, message)));
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable input");
        return abbreviate(line);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
