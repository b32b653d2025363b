package com.pawprint.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports that were free a moment ago: Kafka's controller quorum must name its port before it binds it. */
final class FreePorts {

    private FreePorts() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Fails with the flag to use when a fixed port is taken, instead of a server's bind error deep in its log. */
    static void requireFree(int port, String server, String flag) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " (" + server + ") is in use, perhaps by another local "
                    + "stack; stop that, or pass " + flag + " N or --random-ports");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check port " + port, e);
        }
    }
}
