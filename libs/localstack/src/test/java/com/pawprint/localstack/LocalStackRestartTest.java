package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's promise: stop the stack, start it on the same data folder, and nothing is gone. */
class LocalStackRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDataDirKeepsObjectsRowsAndRecords() throws Exception {
        LaunchOptions options = LaunchOptions.forTests(dataDir);
        byte[] photo = "kept across restarts".getBytes(StandardCharsets.UTF_8);

        LocalStackProcess first = LocalStackProcess.start(options);
        try (first) {
            StackClients clients = new StackClients(first.config());
            clients.putObject("restart", "tenants/t1/pets/p1/photo.jpg", photo);
            try (Connection connection = clients.database(); Statement statement = connection.createStatement()) {
                statement.execute("create table pets (id text primary key, name text)");
                statement.execute("insert into pets values ('p1', 'Miso')");
            }
            clients.produce("restart.events", "p1", "ingested");
        }
        assertFalse(first.isAlive(), "closing stdin stops the launcher JVM");

        try (LocalStackProcess second = LocalStackProcess.start(options)) {
            StackClients clients = new StackClients(second.config());
            assertArrayEquals(photo, clients.getObject("restart", "tenants/t1/pets/p1/photo.jpg"));
            try (Connection connection = clients.database(); Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select name from pets where id = 'p1'")) {
                assertTrue(result.next());
                assertEquals("Miso", result.getString(1));
            }
            assertEquals("ingested", clients.consumeFirst("restart.events").value());
        }
    }
}
