package com.pawprint.training.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A registered base model, shared by trainer and render: where its file is (an object key under {@code models/} or
 * a local path), its sha256, the architecture found in it ({@code sd1}), the configs it loads with (diffusers
 * {@code config.json} contents per component), its licence and whether that licence allows commercial use.
 */
public record BaseModelEntry(String name, String file, String sha256, String architecture, JsonNode configs,
        String license, boolean commercialUse) {

    /** SD 1.5's licence (CreativeML OpenRAIL-M: commercial use allowed under its use restrictions). */
    public static final String SD15_LICENSE = "creativeml-openrail-m";

    /** The registry's JSON, the same in a local registry folder and in object storage. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException("registry entry of " + name + " does not serialise", e);
        }
    }

    /** Reads an entry {@link #toJson} wrote; {@code source} names it in the error. */
    public static BaseModelEntry fromJson(byte[] json, String source) {
        try {
            return JSON.readValue(json, BaseModelEntry.class);
        } catch (IOException e) {
            throw new UncheckedIOException("registry entry " + source + " is unreadable", e);
        }
    }

    /**
     * Refuses work that sells what the model makes when its licence forbids commercial use.
     *
     * @throws LicenseException naming the model and its licence
     */
    public void requireCommercialUse() {
        if (!commercialUse) {
            throw new LicenseException("base model '" + name + "' is licensed " + license
                    + ", which does not allow commercial use: merch cannot be made with it");
        }
    }
}
