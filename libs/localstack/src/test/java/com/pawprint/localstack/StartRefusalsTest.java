package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes people make with fixed ports and folders get a sentence that names the way out. */
class StartRefusalsTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondStackOnTheSameDataFolderIsRefused() {
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> DataDirLock.acquire(dataDir));
            assertTrue(error.getMessage().contains("is in use by another local stack"), error.getMessage());
        }
        DataDirLock.acquire(dataDir).close();
    }

    @Test
    void aTakenFixedPortNamesItsFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> FreePorts.requireFree(port, "Kafka", "--kafka-port"));

            assertEquals("port " + port + " (Kafka) is in use, perhaps by another local stack; stop that, "
                    + "or pass --kafka-port N or --random-ports", error.getMessage());
        }
    }

    @Test
    void aFreePortPasses() {
        int port = FreePorts.pick();
        assertDoesNotThrow(() -> FreePorts.requireFree(port, "S3", "--s3-port"));
    }

    @Test
    void randomPortsComeFromBelowTheEphemeralRangeAndAreNeverHandedOutTwice() {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.pick();
            assertTrue(port >= FreePorts.LOWEST && port < FreePorts.ephemeralStart(), "port " + port);
            assertTrue(picked.add(port), "port " + port + " handed out twice");
        }
    }
}
