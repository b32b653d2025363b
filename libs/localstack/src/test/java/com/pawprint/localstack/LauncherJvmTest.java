package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @TempDir
    Path cache;

    @Test
    void firstLauncherRecordsTheClassArchiveAndLaterOnesMapIt() throws Exception {
        List<String> first = LauncherJvm.prepare(cache, true).command(List.of("--random-ports"));
        Path archive = Path.of(valueOf(first, "-D" + ClassArchive.RECORD_PROPERTY + "="));
        assertTrue(first.contains("-XX:+RecordDynamicDumpInfo"));
        assertEquals(cache, archive.getParent());

        Files.write(archive, new byte[] {1});
        List<String> later = LauncherJvm.prepare(cache, true).command(List.of("--random-ports"));

        assertTrue(later.contains("-XX:SharedArchiveFile=" + archive), later::toString);
        assertFalse(later.contains("-XX:+RecordDynamicDumpInfo"));
        assertEquals("--random-ports", later.get(later.size() - 1));
    }

    @Test
    void classpathHoldsOnlyJarsAndTheSameClassesGiveTheSameJar() {
        String classpath = classpathOf(LauncherJvm.prepare(cache, true).command(List.of()));

        assertTrue(Arrays.stream(classpath.split(File.pathSeparator)).allMatch(entry -> entry.endsWith(".jar")),
                "JDK 17 archives no class from a folder: " + classpath);
        assertEquals(classpath, classpathOf(LauncherJvm.prepare(cache, true).command(List.of())));
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
        List<String> command = LauncherJvm.prepare(cache, false).command(List.of());

        assertEquals(LauncherClasspath.get(), classpathOf(command));
        assertTrue(command.stream().noneMatch(option -> option.contains("SharedArchiveFile")
                || option.contains("RecordDynamicDumpInfo")));
    }

    private static String classpathOf(List<String> command) {
        return command.get(command.indexOf("-cp") + 1);
    }

    private static String valueOf(List<String> command, String prefix) {
        return command.stream().filter(option -> option.startsWith(prefix)).findFirst()
                .map(option -> option.substring(prefix.length())).orElseThrow();
    }
}
