package com.pawprint.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher ({@code com.pawprint.localstack.LocalStack}) running in its own JVM. Its server dependencies stay
 * in that JVM: this class, like everything a service's tests touch, uses the JDK only.
 */
public final class LocalStackProcess implements AutoCloseable {

    /** A first start unpacks PostgreSQL and warms up a busy machine's disk cache; later starts take seconds. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CONFIG_LINE = Pattern.compile("([a-z][a-z0-9.-]*)=(.*)");
    private static final int ERROR_TAIL_LINES = 60;

    private final Process process;
    private final Map<String, String> config;
    private final Duration startTime;

    private LocalStackProcess(Process process, Map<String, String> config, Duration startTime) {
        this.process = process;
        this.config = config;
        this.startTime = startTime;
    }

    /** Starts the launcher JVM and returns once it has printed READY. */
    public static LocalStackProcess start(LaunchOptions options) {
        LauncherJvm jvm = LauncherJvm.prepare(!options.containers());
        long startNanos = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(options.dataDir());
            process = new ProcessBuilder(jvm.command(options.toArgs())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local stack JVM", e);
        }
        Deque<String> errorTail = new ArrayDeque<>();
        Thread errors = daemon("localstack-stderr", () -> forwardErrors(process.getErrorStream(), errorTail));
        CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
        daemon("localstack-stdout", () -> readProtocol(process.getInputStream(), ready));
        try {
            Map<String, String> config = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            StackConfig.fromMap(config);
            return new LocalStackProcess(process, Collections.unmodifiableMap(config),
                    Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while the local stack started", e);
        } catch (ExecutionException | TimeoutException | IllegalArgumentException e) {
            String reason = e instanceof TimeoutException ? "was not ready within " + READY_TIMEOUT
                    : e instanceof ExecutionException ? "exited with code " + exitCode(process)
                    : "printed an incomplete config (" + e.getMessage() + ")";
            process.destroyForcibly();
            awaitEnd(errors);
            throw new IllegalStateException("the local stack " + reason + "; its last log lines:\n"
                    + String.join("\n", snapshot(errorTail)), e);
        }
    }

    /** Each key the launcher printed ({@link StackConfig#KEYS}), with its value. */
    public Map<String, String> config() {
        return config;
    }

    /** From starting the JVM to READY. */
    public Duration startTime() {
        return startTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Closes the launcher's stdin, which stops the servers cleanly, and waits for its JVM to end. */
    @Override
    public void close() {
        stop(STOP_TIMEOUT, true);
    }

    /**
     * For a JVM shutdown hook: asks the stack to stop and waits at most {@code wait} (Surefire halts a test JVM whose
     * hooks take 30 s); with its stdin closed, the launcher finishes stopping by itself.
     */
    void requestStop(Duration wait) {
        stop(wait, false);
    }

    private void stop(Duration wait, boolean force) {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) && force) {
                process.destroy();
                if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readProtocol(InputStream stdout, CompletableFuture<Map<String, String>> ready) {
        Map<String, String> config = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher keyValue = CONFIG_LINE.matcher(line);
                if (!ready.isDone() && line.equals(LocalStack.READY)) {
                    ready.complete(config);
                } else if (!ready.isDone() && keyValue.matches()) {
                    config.put(keyValue.group(1), keyValue.group(2));
                } else {
                    // Not protocol: the JVM itself may print warnings here.
                    System.err.println(line);
                }
            }
        } catch (IOException e) {
            // the stream ends with the process; handled below
        }
        ready.completeExceptionally(new IllegalStateException("the local stack ended before READY"));
    }

    private static void forwardErrors(InputStream stderr, Deque<String> tail) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.err.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > ERROR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the stream ends with the process
        }
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void awaitEnd(Thread reader) {
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
