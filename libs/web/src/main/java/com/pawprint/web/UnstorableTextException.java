package com.pawprint.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON string in a request body breaks the {@link com.pawprint.contracts.StorableText} rule. Being a mapping
 * exception, Jackson adds the field path while it unwinds, so the 422 can name the field.
 */
public class UnstorableTextException extends JsonMappingException {

    public UnstorableTextException(JsonParser parser, String message) {
        super(parser, message);
    }
}
