package com.pawprint.localstack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import javax.management.ObjectName;

/**
 * Records this JVM's loaded classes as a CDS archive for the next launcher (see {@code LauncherJvm}), once the stack
 * is ready and so every start-up class is loaded. JDK 17's {@code VM.cds dynamic_dump} does it in a running JVM
 * started with {@code -XX:+RecordDynamicDumpInfo}; it is written aside and moved into place, so a launcher starting
 * meanwhile maps either nothing or a whole archive.
 */
final class ClassArchive {

    static final String RECORD_PROPERTY = "pawprint.localstack.record-cds";
    private static final Duration STALE_AFTER = Duration.ofHours(1);

    private ClassArchive() {
    }

    /** Does nothing unless the launcher was asked to record; never fails the stack. */
    static void recordInBackground() {
        String target = System.getProperty(RECORD_PROPERTY);
        if (target == null) {
            return;
        }
        Thread recorder = new Thread(() -> record(Path.of(target)), "localstack-class-archive");
        recorder.setDaemon(true);
        recorder.setPriority(Thread.MIN_PRIORITY);
        recorder.start();
    }

    private static void record(Path archive) {
        Path recording = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".recording");
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] {new String[] {"dynamic_dump", recording.toString()}},
                    new String[] {String[].class.getName()});
            if (Files.exists(recording)) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteStale(archive);
        } catch (Exception e) {
            System.err.println("class archive not recorded (the next start records again): " + e);
            try {
                Files.deleteIfExists(recording);
            } catch (IOException ignored) {
                // a leftover is deleted as stale later
            }
        }
    }

    /** Archives of other classpaths and recordings of killed launchers, untouched for a while. */
    private static void deleteStale(Path current) throws IOException {
        long staleBefore = System.currentTimeMillis() - STALE_AFTER.toMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(current.getParent())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if ((name.endsWith(".jsa") || name.endsWith(".recording")) && !file.equals(current)
                        && Files.getLastModifiedTime(file).toMillis() < staleBefore) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
