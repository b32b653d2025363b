package com.pawprint.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Kafka, S3Proxy and PostgreSQL in this JVM (PostgreSQL as its child process), data under one folder. */
final class EmbeddedStack implements RunningStack {

    private final DataDirLock lock;
    private final KafkaBroker kafka;
    private final S3Server s3;
    private final PostgresServer postgres;

    private EmbeddedStack(DataDirLock lock, KafkaBroker kafka, S3Server s3, PostgresServer postgres) {
        this.lock = lock;
        this.kafka = kafka;
        this.s3 = s3;
        this.postgres = postgres;
    }

    /** Starts the three side by side; if one fails, the others are stopped again before the error is thrown. */
    static EmbeddedStack start(LaunchOptions options) {
        DataDirLock lock = DataDirLock.acquire(options.dataDir());
        try {
            return start(options, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedStack start(LaunchOptions options, DataDirLock lock) {
        boolean random = options.randomPorts();
        if (!random) {
            FreePorts.requireFree(options.kafkaPort(), "Kafka", "--kafka-port");
            FreePorts.requireFree(options.kafkaControllerPort(), "Kafka controller", "--kafka-controller-port");
            FreePorts.requireFree(options.s3Port(), "S3", "--s3-port");
            FreePorts.requireFree(options.postgresPort(), "PostgreSQL", "--postgres-port");
        }
        int kafkaPort = random ? FreePorts.pick() : options.kafkaPort();
        int controllerPort = random ? FreePorts.pick() : options.kafkaControllerPort();
        int postgresPort = random ? FreePorts.pick() : options.postgresPort();
        Path dataDir = options.dataDir();

        // Own threads: on two cores the common pool has a single worker and would start them one by one.
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(timed("postgres",
                    () -> PostgresServer.start(dataDir.resolve("postgres"), postgresPort)),
                    starters);
            CompletableFuture<S3Server> s3 = CompletableFuture.supplyAsync(timed("s3",
                    () -> S3Server.start(dataDir.resolve("s3"), random ? 0 : options.s3Port())), starters);
            CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(timed("kafka",
                    () -> KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, controllerPort)), starters);
            try {
                CompletableFuture.allOf(postgres, s3, kafka).join();
            } catch (CompletionException e) {
                closeStarted(List.of(postgres, s3, kafka), e.getCause());
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
            return new EmbeddedStack(lock, kafka.join(), s3.join(), postgres.join());
        } finally {
            starters.shutdown();
        }
    }

    private static <T> Supplier<T> timed(String server, Supplier<T> start) {
        return () -> {
            long startNanos = System.nanoTime();
            T started = start.get();
            System.err.printf("%s started in %d ms%n", server,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return started;
        };
    }

    private static void closeStarted(List<CompletableFuture<? extends AutoCloseable>> servers, Throwable failure) {
        for (CompletableFuture<? extends AutoCloseable> server : servers) {
            if (server.isDone() && !server.isCompletedExceptionally()) {
                try {
                    server.join().close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    @Override
    public StackConfig config() {
        return StackConfig.withDevCredentials(kafka.bootstrapServers(), postgres.hostAndPort(), s3.endpoint());
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable server : List.<AutoCloseable>of(kafka, s3, postgres, lock)) {
            try {
                server.close();
            } catch (Exception e) {
                failures.add(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
