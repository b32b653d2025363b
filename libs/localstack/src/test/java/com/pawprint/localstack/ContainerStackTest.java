package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/** The Testcontainers mode: real MinIO, Kafka and PostgreSQL images where Docker runs, a clear refusal elsewhere. */
class ContainerStackTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutDockerTheContainersModeSaysWhatIsMissing() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker runs here; the next test covers it");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> LocalStackProcess.start(LaunchOptions.forTests(dataDir).withContainers()));

        assertTrue(error.getMessage().contains("needs a Docker engine"), error.getMessage());
    }

    @Test
    void containersServeTheSameKeysAsTheEmbeddedStack() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine here");

        try (LocalStackProcess stack = LocalStackProcess.start(LaunchOptions.forTests(dataDir).withContainers())) {
            StackClients clients = new StackClients(stack.config());
            clients.produce("containers.round-trip", "pet-1", "hello");
            assertEquals("hello", clients.consumeFirst("containers.round-trip").value());
            byte[] photo = "minio itself".getBytes(StandardCharsets.UTF_8);
            clients.putObject("containers", "tenants/t1/pets/p1/photo.jpg", photo);
            assertArrayEquals(photo, clients.getObject("containers", "tenants/t1/pets/p1/photo.jpg"));
            try (Connection connection = clients.database(); Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select current_database()")) {
                assertTrue(result.next());
                assertEquals(StackConfig.DEV_DATABASE, result.getString(1));
            }
        }
    }
}
