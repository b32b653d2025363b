package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherJvmTest {

    private static final byte[] ARCHIVE_HEADER = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, 1, 2, 3};
    private static final String RECORD = "-XX:ArchiveClassesAtExit=";
    private static final String MAP = "-XX:SharedArchiveFile=";

    @TempDir
    Path cache;

    @Test
    void oneLauncherRecordsAtExitAndTheNextStartPublishesAndMapsTheArchive() throws Exception {
        List<String> recorder = command(true);
        Path claim = Path.of(valueOf(recorder, RECORD));
        assertTrue(Files.exists(claim), "the claim tells other launchers a recording is under way");

        List<String> meanwhile = command(true);
        assertTrue(meanwhile.stream().noneMatch(option -> option.startsWith(RECORD) || option.startsWith(MAP)),
                meanwhile::toString);

        Files.write(claim, ARCHIVE_HEADER);
        List<String> later = command(true);
        Path archive = Path.of(valueOf(later, MAP));
        assertFalse(Files.exists(claim));
        assertTrue(claim.getFileName().toString().startsWith(archive.getFileName().toString()));
        assertEquals("--random-ports", later.get(later.size() - 1));
    }

    @Test
    void aHalfWrittenRecordingIsNeverMappedAndAnAbandonedOneIsRecordedAgain() throws Exception {
        Path claim = Path.of(valueOf(command(true), RECORD));
        Files.write(claim, new byte[64]);
        Files.setLastModifiedTime(claim, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        List<String> next = command(true);

        assertFalse(Files.exists(claim));
        assertTrue(next.stream().noneMatch(option -> option.startsWith(MAP)));
        assertTrue(next.stream().anyMatch(option -> option.startsWith(RECORD)), next::toString);
    }

    @Test
    void containersModeLaunchersDoNotRecord() {
        assertTrue(LauncherJvm.prepare(cache, true, false).command(List.of()).stream()
                .noneMatch(option -> option.startsWith(RECORD)));
    }

    @Test
    void classpathHoldsOnlyJarsAndTheSameClassesGiveTheSameJar() {
        String classpath = classpathOf(command(true));

        assertTrue(Arrays.stream(classpath.split(File.pathSeparator)).allMatch(entry -> entry.endsWith(".jar")),
                "JDK 17 archives no class from a folder: " + classpath);
        assertEquals(classpath, classpathOf(command(true)));
    }

    @Test
    void aRebuiltJarWithNewTimestampsKeepsTheNameAndSoTheArchive() throws Exception {
        Path classes = LauncherClasspath.ownLocation();
        Path rebuilt = cache.resolve("localstack-rebuilt.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(rebuilt), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                JarEntry entry = new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/'));
                entry.setTime(System.currentTimeMillis());
                jar.putNextEntry(entry);
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }

        assertEquals(LauncherJvm.ownClassesAsJar(cache, classes), LauncherJvm.ownClassesAsJar(cache, rebuilt));
    }

    @Test
    void withoutTheArchiveTheLauncherRunsFromThePlainClasspath() {
        List<String> command = LauncherJvm.prepare(cache, false, true).command(List.of());

        assertEquals(LauncherClasspath.get(), classpathOf(command));
        assertTrue(command.stream().noneMatch(option -> option.startsWith(RECORD) || option.startsWith(MAP)));
    }

    private List<String> command(boolean mayRecord) {
        return LauncherJvm.prepare(cache, true, mayRecord).command(List.of("--random-ports"));
    }

    private static String classpathOf(List<String> command) {
        return command.get(command.indexOf("-cp") + 1);
    }

    private static String valueOf(List<String> command, String prefix) {
        return command.stream().filter(option -> option.startsWith(prefix)).findFirst()
                .map(option -> option.substring(prefix.length())).orElseThrow();
    }
}
