package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The options of {@link TrainingConfig}, read from its record components, and the one way a config is built from a
 * JSON tree. Strict reading (requests) reports unknown options; lenient reading (events written by a newer
 * producer) skips them.
 */
final class TrainingOptions {

    private record Option(String name, List<String> aliases, JavaType type, JsonNode defaultValue) {
    }

    private static final JsonMapper CONVERTER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final List<Option> OPTIONS = readOptions();
    private static final Map<String, Option> BY_NAME_OR_ALIAS = indexByNameAndAlias();
    private static final Constructor<TrainingConfig> CANONICAL = canonicalConstructor();
    private static final TrainingConfig DEFAULTS = build(CONVERTER.createObjectNode(), true, new ArrayList<>());

    private TrainingOptions() {
    }

    static TrainingConfig defaults() {
        return DEFAULTS;
    }

    static List<String> names() {
        return OPTIONS.stream().map(Option::name).toList();
    }

    /**
     * Builds a config from an object node. Unknown options (strict only) and values of the wrong type are added to
     * {@code violations} and their options take the default, so range rules can still be checked on the rest.
     * An explicit null means the default.
     */
    static TrainingConfig build(JsonNode tree, boolean strict, List<Violation> violations) {
        Map<Option, JsonNode> given = new LinkedHashMap<>();
        Map<Option, String> spelledAs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Option option = BY_NAME_OR_ALIAS.get(field.getKey());
            if (option == null) {
                if (strict) {
                    violations.add(new Violation(field.getKey(), "unknown option '" + field.getKey()
                            + "'; known options are " + String.join(", ", names())));
                }
                continue;
            }
            String earlier = spelledAs.putIfAbsent(option, field.getKey());
            if (earlier != null) {
                violations.add(new Violation(option.name(), option.name() + " is given twice, as '" + earlier
                        + "' and as '" + field.getKey() + "'"));
                continue;
            }
            given.put(option, field.getValue());
        }
        Object[] arguments = new Object[OPTIONS.size()];
        for (int i = 0; i < arguments.length; i++) {
            Option option = OPTIONS.get(i);
            JsonNode value = given.get(option);
            Optional<String> unstorable = value == null ? Optional.empty() : unstorableText(value);
            if (unstorable.isPresent()) {
                violations.add(new Violation(option.name(), option.name() + " " + unstorable.get()));
            } else if (value != null && !value.isNull()) {
                try {
                    arguments[i] = convert(value, option.type());
                    continue;
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    violations.add(new Violation(option.name(), option.name() + " must be "
                            + describe(option.type()) + ", got " + abbreviate(value)));
                }
            }
            arguments[i] = convertDefault(option);
        }
        return construct(arguments);
    }

    private static Optional<String> unstorableText(JsonNode value) {
        if (value.isTextual()) {
            return StorableText.problem(value.textValue());
        }
        for (JsonNode element : value) {
            Optional<String> problem = unstorableText(element);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Object convert(JsonNode value, JavaType type) throws JsonProcessingException {
        if (value.isContainerNode() && !type.isContainerType()) {
            throw new IllegalArgumentException("a single value is expected");
        }
        return CONVERTER.treeToValue(value, type);
    }

    private static Object convertDefault(Option option) {
        try {
            return option.defaultValue() == null ? null : convert(option.defaultValue(), option.type());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("default of " + option.name() + " does not convert", e);
        }
    }

    private static TrainingConfig construct(Object[] arguments) {
        try {
            return CANONICAL.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("TrainingConfig rejected its arguments", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TrainingConfig cannot be constructed", e);
        }
    }

    private static String describe(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "an integer";
        }
        if (raw == double.class || raw == Double.class) {
            return "a number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (type.isCollectionLikeType()) {
            return "a list of " + describe(type.getContentType()).replaceFirst("^an? ", "") + "s";
        }
        if (raw.isEnum()) {
            return "one of " + Arrays.stream(raw.getEnumConstants())
                    .map(constant -> CONVERTER.convertValue(constant, String.class))
                    .collect(Collectors.joining(", "));
        }
        return "a string";
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static List<Option> readOptions() {
        var naming = new PropertyNamingStrategies.SnakeCaseStrategy();
        YAMLMapper yaml = new YAMLMapper();
        List<Option> options = new ArrayList<>();
        for (RecordComponent component : TrainingConfig.class.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = property != null ? property.value() : naming.translate(component.getName());
            JsonAlias alias = component.getAccessor().getAnnotation(JsonAlias.class);
            OptionDefault optionDefault = component.getAnnotation(OptionDefault.class);
            if (optionDefault == null && component.getType().isPrimitive()) {
                throw new IllegalStateException("option " + name + " is primitive, so it needs an @OptionDefault");
            }
            JsonNode defaultValue;
            try {
                defaultValue = optionDefault == null ? null : yaml.readTree(optionDefault.value());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("default of option " + name + " is not YAML", e);
            }
            options.add(new Option(name, alias == null ? List.of() : List.of(alias.value()),
                    CONVERTER.constructType(component.getGenericType()), defaultValue));
        }
        return List.copyOf(options);
    }

    private static Map<String, Option> indexByNameAndAlias() {
        Map<String, Option> index = new LinkedHashMap<>();
        for (Option option : OPTIONS) {
            index.put(option.name(), option);
            option.aliases().forEach(alias -> index.put(alias, option));
        }
        return Map.copyOf(index);
    }

    private static Constructor<TrainingConfig> canonicalConstructor() {
        Class<?>[] types = Arrays.stream(TrainingConfig.class.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return TrainingConfig.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
    }
}
