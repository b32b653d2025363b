package com.pawprint.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a {@link TrainingConfig} inside an event: options the producer left out take their defaults and options
 * this version does not know are skipped, so producers and consumers can be upgraded one at a time. Values of the
 * wrong type make the event malformed.
 */
final class TrainingConfigDeserializer extends StdDeserializer<TrainingConfig> {

    TrainingConfigDeserializer() {
        super(TrainingConfig.class);
    }

    @Override
    public TrainingConfig deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode tree = parser.readValueAsTree();
        if (!tree.isObject()) {
            return (TrainingConfig) context.handleUnexpectedToken(TrainingConfig.class, parser);
        }
        List<Violation> violations = new ArrayList<>();
        TrainingConfig config = TrainingOptions.build(tree, false, violations);
        if (!violations.isEmpty()) {
            return (TrainingConfig) context.reportInputMismatch(TrainingConfig.class, "trainingConfig: "
                    + violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        }
        return config;
    }
}
