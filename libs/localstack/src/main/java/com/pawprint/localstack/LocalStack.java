package com.pawprint.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts Kafka, the S3 server and PostgreSQL in this JVM, prints their config as {@code key=value} lines and then
 * {@value #READY} on stdout, and runs until its stdin closes or it receives SIGTERM / Ctrl-C.
 * Options: {@link LaunchOptions#USAGE}.
 */
public final class LocalStack {

    public static final String READY = "READY";

    static final int EXIT_BAD_OPTIONS = 2;
    static final int EXIT_START_FAILED = 1;

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Only the protocol goes to the real stdout; a library's stray println must not be read as config.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        if (System.getProperty("logback.configurationFile") == null) {
            // S3Proxy's logback would log at DEBUG without a configuration of ours.
            System.setProperty("logback.configurationFile", "localstack-logback.xml");
        }
        // Configured here, before the servers' threads log at once and SLF4J would replay their first lines.
        org.slf4j.LoggerFactory.getILoggerFactory();

        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(EXIT_BAD_OPTIONS);
            return;
        }

        long startNanos = System.nanoTime();
        RunningStack stack;
        try {
            stack = options.containers() ? ContainerStack.start() : EmbeddedStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("PawPrint local stack did not start: " + e.getMessage());
            if (e.getCause() != null || !(e instanceof IllegalStateException)) {
                // not one of our own explained refusals: the trace is the explanation
                e.printStackTrace();
            }
            deleteDataDirIfAsked(options);
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            deleteDataDirIfAsked(options);
        }, "localstack-stop"));

        stack.config().toMap().forEach((key, value) -> protocol.println(key + "=" + value));
        protocol.println(READY);
        protocol.flush();
        System.err.printf("PawPrint local stack ready in %d ms (%s)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                options.containers() ? "containers" : "data in " + options.dataDir().toAbsolutePath());

        if (options.watchStdin()) {
            drain(System.in);
            System.exit(0);
        }
        // Held until SIGTERM or Ctrl-C, whose shutdown hook stops the servers.
        new CountDownLatch(1).await();
    }

    private static void deleteDataDirIfAsked(LaunchOptions options) {
        if (options.deleteDataDirOnExit()) {
            DataDirs.deleteRecursively(options.dataDir());
        }
    }

    /** Returns when the parent closes our stdin, or dies and so closes it. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // input carries no meaning; only its end does
            }
        } catch (IOException e) {
            // a broken stdin means the parent is gone, same as end of input
        }
    }
}
