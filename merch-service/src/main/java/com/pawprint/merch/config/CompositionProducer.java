package com.pawprint.merch.config;

import com.pawprint.imaging.DecodeLimits;
import com.pawprint.imaging.SafeDecoder;
import com.pawprint.merch.catalog.Catalog;
import com.pawprint.merch.compose.PrintComposer;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The catalogue, the composer and the re-compose task pool, made once from {@link MerchConfig}. */
public class CompositionProducer {

    @Produces
    @Singleton
    Catalog catalog(MerchConfig config) {
        try (InputStream yaml = config.catalogFile().isPresent()
                ? Files.newInputStream(Path.of(config.catalogFile().get()))
                : CompositionProducer.class.getResourceAsStream("/catalog.yaml")) {
            if (yaml == null) {
                throw new IllegalStateException("catalog.yaml is missing from the classpath");
            }
            return Catalog.read(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalogue", e);
        }
    }

    @Produces
    @Singleton
    PrintComposer printComposer(MerchConfig config) {
        return new PrintComposer(config.minimumDpi(), config.backgroundTolerance(), config.featherPixels());
    }

    @Produces
    @Singleton
    SafeDecoder decoder() {
        return new SafeDecoder(DecodeLimits.defaults());
    }

    @Produces
    @Singleton
    @Named("recompose")
    ExecutorService recomposeExecutor(MerchConfig config) {
        return Executors.newFixedThreadPool(config.taskThreads(), runnable -> {
            Thread thread = new Thread(runnable, "recompose");
            thread.setDaemon(true);
            return thread;
        });
    }

    void shutdown(@Disposes @Named("recompose") ExecutorService executor) {
        executor.shutdownNow();
    }
}
