package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void defaultsAreTheDocumentedPortsAndFolder() {
        LaunchOptions options = LaunchOptions.parse();

        assertEquals(9092, options.kafkaPort());
        assertEquals(9093, options.kafkaControllerPort());
        assertEquals(9000, options.s3Port());
        assertEquals(5432, options.postgresPort());
        assertEquals(Path.of(".local/stack"), options.dataDir());
        assertFalse(options.randomPorts());
        assertFalse(options.containers());
        assertTrue(options.watchStdin());
        assertFalse(options.deleteDataDirOnExit());
    }

    @Test
    void flagsTakeSeparateOrInlineValues() {
        LaunchOptions options = LaunchOptions.parse("--kafka-port", "19092", "--s3-port=19000",
                "--postgres-port", "15432", "--kafka-controller-port=19093", "--data-dir", "/tmp/stack",
                "--ignore-stdin");

        assertEquals(19092, options.kafkaPort());
        assertEquals(19093, options.kafkaControllerPort());
        assertEquals(19000, options.s3Port());
        assertEquals(15432, options.postgresPort());
        assertEquals(Path.of("/tmp/stack"), options.dataDir());
        assertFalse(options.watchStdin());
    }

    @Test
    void argsParseBackToTheSameOptions() {
        LaunchOptions options = LaunchOptions.forTests(Path.of("/tmp/x")).withContainers().withDataDirDeletedOnExit();

        assertEquals(options, LaunchOptions.parse(options.toArgs().toArray(String[]::new)));
    }

    @Test
    void badInputIsNamedInTheError() {
        assertEquals("unknown option: --kafka",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--kafka")).getMessage());
        assertEquals("--s3-port needs a port between 1 and 65535, not 'abc'",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--s3-port", "abc"))
                        .getMessage());
        assertEquals("--data-dir needs a value",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--data-dir")).getMessage());
    }
}
