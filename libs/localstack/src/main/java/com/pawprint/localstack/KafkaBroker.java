package com.pawprint.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/** One KRaft node that is both broker and controller, listening on the loopback interface. */
final class KafkaBroker implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats {@code logDir} on first use, starts the node and returns once it answers clients. */
    static KafkaBroker start(Path logDir, int port, int controllerPort) {
        Properties config = config(logDir, port, controllerPort);
        formatOnce(logDir, config);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, HOST + ":" + port);
        try {
            broker.awaitClusterAnswers();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    private static Properties config(Path logDir, int port, int controllerPort) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@" + HOST + ":" + controllerPort),
                Map.entry("listeners",
                        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                // A single node: every internal topic has one replica, and few partitions keep start-up quick.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("num.partitions", "1"),
                // Tests join consumer groups one after another; waiting for more members only slows them.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true")));
        return config;
    }

    /** A restart keeps the topics: the log dir is formatted only when it has no meta.properties yet. */
    private static void formatOnce(Path logDir, Properties config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path configFile = null;
        try {
            Files.createDirectories(logDir);
            configFile = Files.createTempFile("pawprint-kafka-format", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                config.store(out, null);
            }
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            int exitCode = StorageTool.execute(new String[] {"format", "--config", configFile.toString(),
                    "--cluster-id", Uuid.randomUuid().toString()},
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            if (exitCode != 0) {
                throw new IllegalStateException("formatting Kafka's log dir " + logDir + " failed: "
                        + report.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format Kafka's log dir " + logDir, e);
        } finally {
            deleteQuietly(configFile);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temp file is harmless
            }
        }
    }

    private void awaitClusterAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.describeCluster().nodes().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
