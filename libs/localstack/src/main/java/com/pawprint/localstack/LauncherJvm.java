package com.pawprint.localstack;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * classes is most of the stack's start-up CPU, and a CDS archive of them cuts that by a fifth to a third. When
 * there is no archive yet, the launcher records one itself once it is ready ({@link ClassArchive}); later
 * launchers map it. JDK 17 archives only classes from jars, so this module's own classes run from a content-named
 * jar copy, which also keeps the archive valid across rebuilds. Best effort: whatever goes wrong here only means a
 * start without the archive. {@code -Dpawprint.localstack.cds=false} turns it off.
 */
final class LauncherJvm {

    static final String CDS_PROPERTY = "pawprint.localstack.cds";
    private static final String MAIN_CLASS = "com.pawprint.localstack.LocalStack";
    /** Small heap, serial GC and C1 only: the servers carry test traffic, and these start fastest. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xlog:cds*=off");

    private final String classpath;
    private final Path archive;

    private LauncherJvm(String classpath, Path archive) {
        this.classpath = classpath;
        this.archive = archive;
    }

    static LauncherJvm prepare() {
        return prepare(Path.of(System.getProperty("java.io.tmpdir"), "pawprint-localstack", "cds"),
                !"false".equalsIgnoreCase(System.getProperty(CDS_PROPERTY)));
    }

    /** {@code cache} holds the archive and the jar copy of this module's classes. */
    static LauncherJvm prepare(Path cache, boolean useArchive) {
        String plain = LauncherClasspath.get();
        if (!useArchive) {
            return new LauncherJvm(plain, null);
        }
        try {
            Files.createDirectories(cache);
            String classpath = ownClassesAsJar(cache, LauncherClasspath.ownLocation()) + File.pathSeparator
                    + LauncherClasspath.dependencies();
            Path archive = cache.resolve("launcher-" + digest((System.getProperty("java.home") + "\n"
                    + System.getProperty("java.vm.version") + "\n" + JVM_OPTIONS + "\n" + classpath)
                    .getBytes(StandardCharsets.UTF_8)) + ".jsa");
            return new LauncherJvm(classpath, archive);
        } catch (IOException | UncheckedIOException e) {
            return new LauncherJvm(plain, null);
        }
    }

    List<String> command(List<String> launcherArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        if (archive != null && Files.exists(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        } else if (archive != null) {
            command.add("-XX:+RecordDynamicDumpInfo");
            command.add("-D" + ClassArchive.RECORD_PROPERTY + "=" + archive);
        }
        command.addAll(List.of("-cp", classpath, MAIN_CLASS));
        command.addAll(launcherArgs);
        return command;
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
