package com.pawprint.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** PostgreSQL from zonky's Maven-packaged binaries; a new data folder starts as a copy of {@link PostgresTemplate}. */
final class PostgresServer implements AutoCloseable {

    /** zonky gives up after 10 s, which a machine shared by many builds can exceed. */
    static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The port is always given: zonky's own pick is released before PostgreSQL binds it (see {@link FreePorts}). */
    static PostgresServer start(Path dataDir, int port) {
        if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
            PostgresTemplate.copyTo(dataDir);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                // Local data only: losing the last transactions on a crash is an acceptable price for speed.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                .setPort(port);
        try {
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    String hostAndPort() {
        return "127.0.0.1:" + postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        }
    }
}
