package com.pawprint.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A freshly initialized PostgreSQL data folder, made once per machine and PostgreSQL build and copied into every
 * new data folder. initdb fsyncs about a thousand files, which takes seconds on a busy disk; a copy does not.
 */
final class PostgresTemplate {

    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    /** Run-time files of the server that made the template, not part of a database cluster. */
    private static final Set<String> RUNTIME_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private PostgresTemplate() {
    }

    static void copyTo(Path dataDir) {
        Path template = ensureTemplate();
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = dataDir.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    // PostgreSQL refuses a data folder that others may read
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                } else if (!RUNTIME_FILES.contains(source.getFileName().toString())) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the PostgreSQL template into " + dataDir, e);
        }
    }

    private static Path ensureTemplate() {
        Path template = Path.of(System.getProperty("java.io.tmpdir"), "pawprint-localstack",
                "postgres-template-" + binariesDigest());
        if (Files.exists(template.resolve("postgresql.conf"))) {
            return template;
        }
        DataDirs.deleteRecursively(template);
        // Built aside and moved into place, so a JVM starting at the same moment never copies half a template.
        Path building = template.resolveSibling(template.getFileName() + "-" + UUID.randomUUID());
        try {
            EmbeddedPostgres.builder().setDataDirectory(building).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).setPGStartupWait(PostgresServer.STARTUP_WAIT).start().close();
            Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            DataDirs.deleteRecursively(building);
        } catch (IOException e) {
            DataDirs.deleteRecursively(building);
            throw new UncheckedIOException("cannot initialize the PostgreSQL template " + template, e);
        }
        return template;
    }

    /** Names the PostgreSQL build, so a version change never reuses an old template. */
    private static String binariesDigest() {
        URL binaries = PostgresTemplate.class.getResource(BINARIES);
        if (binaries == null) {
            throw new IllegalStateException("the PostgreSQL binaries " + BINARIES + " are not on the classpath");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(binaries.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
