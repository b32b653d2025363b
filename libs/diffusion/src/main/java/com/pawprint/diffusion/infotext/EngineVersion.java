package com.pawprint.diffusion.infotext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The engine's version as infotexts name it, {@code pawprint-<project version>}; the build fills it in. */
public final class EngineVersion {

    private static final String INFOTEXT = "pawprint-" + projectVersion();

    private EngineVersion() {
    }

    /** What the infotext's {@code Version} says: {@code pawprint-0.1.0-SNAPSHOT} for this build. */
    public static String infotext() {
        return INFOTEXT;
    }

    private static String projectVersion() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("engine-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("engine-version.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read engine-version.properties", e);
        }
    }
}
