package com.pawprint.render.config;

import com.pawprint.render.style.StyleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The style presets: {@code pawprint.render.styles-file} when set, else the built-in {@code styles.yaml}. */
@ApplicationScoped
public class StylesProducer {

    @Produces
    @Singleton
    StyleCatalog styles(RenderConfig config) {
        try (InputStream in = config.stylesFile().isPresent()
                ? Files.newInputStream(Path.of(config.stylesFile().get()))
                : StylesProducer.class.getResourceAsStream("/styles.yaml")) {
            return StyleCatalog.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the style presets", e);
        }
    }
}
