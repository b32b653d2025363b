package com.pawprint.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one stack of a test JVM, started by whichever test asks first and stopped by a JVM shutdown hook.
 * Quarkus may load the test resource in several class loaders (one per restarted application), so a static field
 * would hold one stack per class loader: the started stack's config is kept in the JVM-wide system properties.
 */
final class SharedStack {

    /** {@code embedded} (the default) or {@code containers}. */
    static final String STACK_PROPERTY = "pawprint.stack";
    static final String EMBEDDED = "embedded";
    static final String CONTAINERS = "containers";

    /** Outside the {@code pawprint.} and {@code quarkus.} prefixes, so no config mapping mistakes it for its own. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final String STARTED_CONFIG_PROPERTY = "com.pawprint.localstack.started-config";

    private SharedStack() {
    }

    static Map<String, String> config() {
        // Properties.computeIfAbsent is atomic: tests asking at the same time wait for the one start.
        Object started = System.getProperties().computeIfAbsent(STARTED_CONFIG_PROPERTY,
                key -> serialize(startForThisJvm()));
        return parse((String) started);
    }

    /** What the {@value #STACK_PROPERTY} property asks for; null means the default. */
    static LaunchOptions optionsFor(String stackProperty, Path dataDir) {
        LaunchOptions embedded = LaunchOptions.forTests(dataDir).withDataDirDeletedOnExit();
        String mode = stackProperty == null || stackProperty.isBlank() ? EMBEDDED : stackProperty.strip();
        return switch (mode) {
            case EMBEDDED -> embedded;
            case CONTAINERS -> embedded.withContainers();
            default -> throw new IllegalArgumentException("-D" + STACK_PROPERTY + "=" + stackProperty
                    + " is not a stack; use " + EMBEDDED + " (the default) or " + CONTAINERS);
        };
    }

    private static Map<String, String> startForThisJvm() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("pawprint-localstack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local stack's temp folder", e);
        }
        LocalStackProcess stack = LocalStackProcess.start(optionsFor(System.getProperty(STACK_PROPERTY), dataDir));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.requestStop(STOP_WAIT), "localstack-stop"));
        System.err.printf("PawPrint local stack started in %d ms for this test JVM%n", stack.startTime().toMillis());
        return stack.config();
    }

    private static String serialize(Map<String, String> config) {
        return config.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, String> parse(String serialized) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String line : serialized.split("\n")) {
            int equals = line.indexOf('=');
            config.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return Collections.unmodifiableMap(config);
    }
}
