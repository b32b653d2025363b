package com.pawprint.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that must be told their port before they bind it (Kafka's controller quorum, PostgreSQL's
 * {@code -p}). A port asked of the kernel with bind(0) and released lies in the ephemeral range, where any outgoing
 * connection or another server binding port 0 may take it before its server binds it (a CI run lost Kafka's port
 * that way). Ports are therefore drawn below the ephemeral range, where the kernel hands out nothing by itself.
 */
final class FreePorts {

    static final int LOWEST = 10_000;
    /** Where Linux's ephemeral range starts by default; macOS and Windows start theirs higher still. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS = 500;
    /** Ports handed out by this JVM: two servers started side by side must not get the same one. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    static synchronized int pick() {
        int end = ephemeralStart();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOWEST, end);
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + end + " after "
                + ATTEMPTS + " tries");
    }

    /** The first port the kernel may hand out by itself; ports below it stay free until someone binds them. */
    static int ephemeralStart() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE, StandardCharsets.US_ASCII).strip().split("\\s+");
            int start = Integer.parseInt(range[0]);
            // A range opened far down leaves no room below it: keep the default bound, at the old risk.
            return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    /** Fails with the flag to use when a fixed port is taken, instead of a server's bind error deep in its log. */
    static void requireFree(int port, String server, String flag) {
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " (" + server + ") is in use, perhaps by another local "
                    + "stack; stop that, or pass " + flag + " N or --random-ports");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check port " + port, e);
        }
    }
}
