package com.pawprint.training.models;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A registered base model, shared by trainer and render: where its file is (an object key under {@code models/} or
 * a local path), its sha256, the architecture found in it ({@code sd1}), the configs it loads with (diffusers
 * {@code config.json} contents per component), its licence and whether that licence allows commercial use.
 */
public record BaseModelEntry(String name, String file, String sha256, String architecture, JsonNode configs,
        String license, boolean commercialUse) {

    /** SD 1.5's licence (CreativeML OpenRAIL-M: commercial use allowed under its use restrictions). */
    public static final String SD15_LICENSE = "creativeml-openrail-m";

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
