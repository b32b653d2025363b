package com.pawprint.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same three servers as real MinIO, Kafka and PostgreSQL images, through Testcontainers. Containers are
 * throwaway: always random host ports, no data folder.
 */
final class ContainerStack implements RunningStack {

    private static final int MINIO_PORT = 9000;

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final GenericContainer<?> minio;

    private ContainerStack(KafkaContainer kafka, PostgreSQLContainer postgres, GenericContainer<?> minio) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.minio = minio;
    }

    static ContainerStack start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("--containers (pawprint.stack=containers) needs a Docker engine, "
                    + "and none answers here; leave it out to use the embedded stack");
        }
        Properties images = images();
        KafkaContainer kafka = new KafkaContainer(images.getProperty("kafka"))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        PostgreSQLContainer postgres = new PostgreSQLContainer(images.getProperty("postgres"))
                .withDatabaseName(StackConfig.DEV_DATABASE)
                .withUsername(StackConfig.DEV_DATABASE_USERNAME)
                .withPassword(StackConfig.DEV_DATABASE_PASSWORD);
        GenericContainer<?> minio = new GenericContainer<>(images.getProperty("minio"))
                .withCommand("server", "/data")
                .withEnv("MINIO_ROOT_USER", StackConfig.DEV_ACCESS_KEY)
                .withEnv("MINIO_ROOT_PASSWORD", StackConfig.DEV_SECRET_KEY)
                .withEnv("MINIO_REGION", StackConfig.DEV_REGION)
                .withExposedPorts(MINIO_PORT)
                .waitingFor(Wait.forHttp("/minio/health/live").forPort(MINIO_PORT));
        ContainerStack stack = new ContainerStack(kafka, postgres, minio);
        try {
            Startables.deepStart(kafka, postgres, minio).join();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private static Properties images() {
        Properties images = new Properties();
        try (InputStream in = ContainerStack.class.getResourceAsStream("container-images.properties")) {
            images.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the container image names", e);
        }
        return images;
    }

    @Override
    public StackConfig config() {
        return new StackConfig(kafka.getBootstrapServers(), postgres.getJdbcUrl(), postgres.getUsername(),
                postgres.getPassword(), "http://" + minio.getHost() + ":" + minio.getMappedPort(MINIO_PORT),
                StackConfig.DEV_ACCESS_KEY, StackConfig.DEV_SECRET_KEY, StackConfig.DEV_REGION);
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
        minio.stop();
    }
}
