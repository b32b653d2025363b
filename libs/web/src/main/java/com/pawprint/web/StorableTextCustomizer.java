package com.pawprint.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.pawprint.contracts.StorableText;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Optional;

/**
 * Applies {@link StorableText} to every string Jackson reads in every service, including list elements and nested
 * records, so no text field can reach the database with a NUL in it, whichever resource declares it.
 */
@Singleton
public class StorableTextCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new Checked()));
    }

    /** Delegates rather than extends, so Jackson does not mistake it for its own default and bypass it in lists. */
    static final class Checked extends StdScalarDeserializer<String> {

        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            Optional<String> problem = StorableText.problem(value);
            if (problem.isPresent()) {
                throw new UnstorableTextException(parser, problem.get());
            }
            return value;
        }
    }
}
