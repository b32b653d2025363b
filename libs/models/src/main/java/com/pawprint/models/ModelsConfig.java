package com.pawprint.models;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Base-model settings of a service that holds a model ({@code pawprint.models.*}). */
@ConfigMapping(prefix = "pawprint.models")
public interface ModelsConfig {

    /** Where downloaded checkpoints are kept, one file per sha256. */
    @WithDefault("${java.io.tmpdir}/pawprint-models")
    Path cacheDir();

    /**
     * A generated tiny SD model registered under this name at start-up (dev, tests and the local run, where no real
     * model can be downloaded); absent in production.
     */
    Optional<String> bootstrapTinyModel();
}
