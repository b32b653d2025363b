package com.pawprint.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** S3Proxy serving the S3 API from a folder, with AWS signature V4 (V2 too) and the development keys. */
final class S3Server implements AutoCloseable {

    /** Generous: a machine shared by many builds can be very slow. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final S3Proxy proxy;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Port 0 picks a free port. */
    static S3Server start(Path storeDir, int port) {
        try {
            Files.createDirectories(storeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 store " + storeDir, e);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(storeDir.toAbsolutePath().toString()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, StackConfig.DEV_ACCESS_KEY,
                        StackConfig.DEV_SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .build();
        S3Server server = new S3Server(proxy);
        try {
            proxy.start();
            server.awaitStarted();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("S3Proxy did not start on port " + port, e);
        }
        return server;
    }

    /** start() returns while Jetty may still be binding; the port is known only once it reports STARTED. */
    private void awaitStarted() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy is still " + proxy.getState() + " after " + START_TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
