package com.pawprint.merch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** merch-service settings, prefix {@code pawprint.merch}. */
@ConfigMapping(prefix = "pawprint.merch")
public interface MerchConfig {

    /** A YAML file that replaces the built-in catalogue (classpath {@code catalog.yaml}). */
    Optional<String> catalogFile();

    /**
     * Below this effective resolution a product is not composed (its print would be a blur). Low on purpose: an
     * SD 1.5 render is 512 px, which is 28 DPI on the 18 in poster; such prints carry the under-150-DPI warning.
     */
    @WithDefault("20")
    double minimumDpi();

    /** RGB distance from the estimated background colour still removed as background. */
    @WithDefault("40")
    int backgroundTolerance();

    /** Feather radius of the removed background's edge, in render pixels. */
    @WithDefault("2")
    int featherPixels();

    /** Mockup previews are square JPEGs of this many pixels. */
    @WithDefault("1000")
    int mockupSize();

    @WithDefault("256")
    int thumbnailSize();

    /** Re-compose tasks composed at once. */
    @WithDefault("1")
    int taskThreads();
}
