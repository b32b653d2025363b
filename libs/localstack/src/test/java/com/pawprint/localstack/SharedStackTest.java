package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The -Dpawprint.stack switch, decided without starting anything. */
class SharedStackTest {

    private static final Path DATA_DIR = Path.of("/tmp/pawprint-localstack-test");

    @Test
    void embeddedStackIsTheDefault() {
        for (String unset : new String[] {null, "", " "}) {
            LaunchOptions options = SharedStack.optionsFor(unset, DATA_DIR);
            assertFalse(options.containers());
            assertTrue(options.randomPorts());
            assertTrue(options.deleteDataDirOnExit());
        }
        assertFalse(SharedStack.optionsFor("embedded", DATA_DIR).containers());
    }

    @Test
    void containersPropertyStartsContainers() {
        LaunchOptions options = SharedStack.optionsFor("containers", DATA_DIR);

        assertTrue(options.containers());
        assertTrue(options.toArgs().contains("--containers"));
    }

    @Test
    void unknownStackIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SharedStack.optionsFor("docker", DATA_DIR));

        assertTrue(error.getMessage().contains("-Dpawprint.stack=docker is not a stack"), error.getMessage());
    }
}
