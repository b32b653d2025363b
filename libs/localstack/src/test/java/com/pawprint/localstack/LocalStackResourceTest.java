package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The shared stack as a service's tests get it: through the Quarkus test resource. */
class LocalStackResourceTest {

    private final Map<String, String> config = new LocalStackResource().start();
    private final StackClients clients = new StackClients(config);

    @Test
    void handsEveryConfigKeyToQuarkusWithDevServicesOff() {
        assertTrue(config.keySet().containsAll(StackConfig.KEYS), () -> "missing keys in " + config);
        assertEquals("false", config.get("quarkus.devservices.enabled"));
        assertEquals(StackConfig.DEV_ACCESS_KEY, config.get(StackConfig.STORAGE_ACCESS_KEY));
    }

    @Test
    void everyCallerGetsTheOneStackOfThisJvm() {
        assertEquals(LocalStackResource.current(), LocalStackResource.current());
        assertEquals(LocalStackResource.current().get(StackConfig.KAFKA_BOOTSTRAP_SERVERS),
                new LocalStackResource().start().get(StackConfig.KAFKA_BOOTSTRAP_SERVERS));
    }

    @Test
    void kafkaRecordRoundTrips() throws Exception {
        clients.produce("localstack.round-trip", "pet-1", "{\"hello\":\"kafka\"}");

        ConsumerRecord<String, String> record = clients.consumeFirst("localstack.round-trip");

        assertEquals("pet-1", record.key());
        assertEquals("{\"hello\":\"kafka\"}", record.value());
    }

    @Test
    void s3ObjectRoundTripsWithSignatureV4() throws Exception {
        byte[] content = "a photo of a cat".getBytes(StandardCharsets.UTF_8);

        clients.putObject("localstack-round-trip", "tenants/t1/pets/p1/photo.jpg", content);

        assertArrayEquals(content, clients.getObject("localstack-round-trip", "tenants/t1/pets/p1/photo.jpg"));
    }

    @Test
    void postgresAnswersSql() throws Exception {
        try (Connection connection = clients.database(); Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists round_trip");
            try (ResultSet result = statement.executeQuery("select current_database(), 6 * 7")) {
                assertTrue(result.next());
                assertEquals(StackConfig.DEV_DATABASE, result.getString(1));
                assertEquals(42, result.getInt(2));
            }
        }
    }
}
