package com.pawprint.localstack;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The launcher JVM's command line, with a class-data-sharing archive: loading Kafka's, Scala's and S3Proxy's
 * classes is most of the stack's start-up CPU, and a CDS archive of them cuts that by a fifth to a third.
 * <p>
 * When there is no archive yet, one launcher records it as it exits ({@code -XX:ArchiveClassesAtExit}, into a claim
 * file that tells others a recording is under way), and the next {@link #prepare} publishes it. Recording at exit
 * rather than while running matters: a dump stops the JVM for seconds, which tests would feel. JDK 17 writes the
 * archive's header last, so a recording that starts with the archive magic is complete, and one killed halfway is
 * never published. JDK 17 archives only classes from jars, so this module's own classes run from a content-named
 * jar copy, which also keeps the archive valid across rebuilds. Best effort: whatever goes wrong here only means a
 * start without the archive. {@code -Dpawprint.localstack.cds=false} turns it off.
 */
final class LauncherJvm {

    static final String CDS_PROPERTY = "pawprint.localstack.cds";
    private static final String MAIN_CLASS = "com.pawprint.localstack.LocalStack";
    /** Small heap, serial GC and C1 only: the servers carry test traffic, and these start fastest. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xlog:cds*=off");
    /** CDS_DYNAMIC_ARCHIVE_MAGIC 0xf00baba8, little-endian as the JVM writes it on x86 and ARM. */
    private static final byte[] ARCHIVE_MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};
    /** A test JVM's stack lives minutes; a claim this old belongs to a launcher that was killed. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);
    private static final Duration UNUSED_AFTER = Duration.ofDays(1);

    private final String classpath;
    private final List<String> archiveOptions;

    private LauncherJvm(String classpath, List<String> archiveOptions) {
        this.classpath = classpath;
        this.archiveOptions = archiveOptions;
    }

    /** {@code mayRecord}: whether this launcher's classes are worth archiving (not a containers-mode one's). */
    static LauncherJvm prepare(boolean mayRecord) {
        return prepare(Path.of(System.getProperty("java.io.tmpdir"), "pawprint-localstack", "cds"),
                !"false".equalsIgnoreCase(System.getProperty(CDS_PROPERTY)), mayRecord);
    }

    /** {@code cache} holds the archive, recordings and the jar copy of this module's classes. */
    static LauncherJvm prepare(Path cache, boolean useArchive, boolean mayRecord) {
        String plain = LauncherClasspath.get();
        if (!useArchive) {
            return new LauncherJvm(plain, List.of());
        }
        try {
            Files.createDirectories(cache);
            String classpath = ownClassesAsJar(cache, LauncherClasspath.ownLocation()) + File.pathSeparator
                    + LauncherClasspath.dependencies();
            Path archive = cache.resolve("launcher-" + digest((System.getProperty("java.home") + "\n"
                    + System.getProperty("java.vm.version") + "\n" + JVM_OPTIONS + "\n" + classpath)
                    .getBytes(StandardCharsets.UTF_8)) + ".jsa");
            boolean underway = publishFinishedRecordings(archive);
            deleteUnused(cache, archive);
            if (Files.exists(archive)) {
                return new LauncherJvm(classpath, List.of("-XX:SharedArchiveFile=" + archive));
            }
            if (mayRecord && !underway) {
                Path claim = Files.createFile(archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID()
                        + ".recording"));
                return new LauncherJvm(classpath, List.of("-XX:ArchiveClassesAtExit=" + claim));
            }
            return new LauncherJvm(classpath, List.of());
        } catch (IOException | UncheckedIOException e) {
            return new LauncherJvm(plain, List.of());
        }
    }

    List<String> command(List<String> launcherArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(archiveOptions);
        command.addAll(List.of("-cp", classpath, MAIN_CLASS));
        command.addAll(launcherArgs);
        return command;
    }

    /**
     * Moves complete recordings of this archive into place and drops abandoned ones; true while another launcher
     * still holds a claim to record it.
     */
    private static boolean publishFinishedRecordings(Path archive) throws IOException {
        boolean underway = false;
        long abandonedBefore = System.currentTimeMillis() - ABANDONED_AFTER.toMillis();
        try (DirectoryStream<Path> recordings = Files.newDirectoryStream(archive.getParent(),
                archive.getFileName() + ".*.recording")) {
            for (Path recording : recordings) {
                if (startsWithArchiveMagic(recording)) {
                    Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } else if (Files.getLastModifiedTime(recording).toMillis() < abandonedBefore) {
                    Files.deleteIfExists(recording);
                } else {
                    underway = true;
                }
            }
        }
        return underway;
    }

    private static boolean startsWithArchiveMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ARCHIVE_MAGIC.length), ARCHIVE_MAGIC);
        }
    }

    /** Other classpaths' archives recorded over a day ago: older builds' (one still in use records again). */
    private static void deleteUnused(Path cache, Path current) throws IOException {
        long unusedBefore = System.currentTimeMillis() - UNUSED_AFTER.toMillis();
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(cache, "launcher-*.jsa")) {
            for (Path archive : archives) {
                if (!archive.equals(current) && Files.getLastModifiedTime(archive).toMillis() < unusedBefore) {
                    Files.deleteIfExists(archive);
                }
            }
        }
    }

    /**
     * This module's classes (its jar, or target/classes in its own tests) copied into a jar named by their content:
     * a rebuild that changes nothing keeps the name, and so the archive.
     */
    static Path ownClassesAsJar(Path cache, Path location) throws IOException {
        byte[] jar = jarOf(classFiles(location));
        Path copy = cache.resolve("localstack-" + digest(jar) + ".jar");
        if (!Files.exists(copy)) {
            Path partial = copy.resolveSibling(copy.getFileName() + "." + UUID.randomUUID());
            Files.write(partial, jar);
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** Entry name to content, without META-INF (build metadata that the launcher does not need). */
    private static SortedMap<String, byte[]> classFiles(Path location) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> walk = Files.walk(location)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(location.relativize(file).toString().replace(File.separatorChar, '/'),
                            Files.readAllBytes(file));
                }
            }
        } else {
            try (JarInputStream jar = new JarInputStream(Files.newInputStream(location))) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    if (!entry.isDirectory()) {
                        files.put(entry.getName(), jar.readAllBytes());
                    }
                }
            }
        }
        files.keySet().removeIf(name -> name.startsWith("META-INF/"));
        return files;
    }

    /** A fixed entry time, so the same files always give the same bytes. */
    private static byte[] jarOf(SortedMap<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                JarEntry entry = new JarEntry(file.getKey());
                entry.setTime(0);
                jar.putNextEntry(entry);
                jar.write(file.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
