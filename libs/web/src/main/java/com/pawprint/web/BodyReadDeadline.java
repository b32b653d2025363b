package com.pawprint.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Gives every request body a deadline: {@code pawprint.http.body-grace} plus the time its declared length needs at
 * {@code pawprint.http.min-body-rate} (a chunked body is given the time of the largest body allowed). A client that
 * stalls or trickles past it gets a 408 problem and its connection is closed, so a few slow clients cannot keep the
 * service's resources from everyone else. Runs as a Vert.x route before Quarkus reads the body.
 */
@ApplicationScoped
public class BodyReadDeadline {

    /** Before {@link BodySizeLimit}, so a body it lets through is timed from the first moment. */
    public static final int ROUTE_ORDER = BodySizeLimit.ROUTE_ORDER - 1;

    private final long graceMillis;
    private final long minBytesPerSecond;
    private final long maxBodySize;

    BodyReadDeadline(@ConfigProperty(name = "pawprint.http.body-grace", defaultValue = "10s") Duration grace,
                     @ConfigProperty(name = "pawprint.http.min-body-rate", defaultValue = "64K") MemorySize minRate,
                     @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                     MemorySize maxBodySize) {
        this.graceMillis = grace.toMillis();
        this.minBytesPerSecond = Math.max(1, minRate.asLongValue());
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::startDeadline);
    }

    private void startDeadline(RoutingContext context) {
        HttpServerRequest request = context.request();
        long bodyBytes = expectedBodyBytes(request);
        if (bodyBytes > 0 && !request.isEnded()) {
            long deadline = deadlineMillis(bodyBytes);
            long timer = context.vertx().setTimer(deadline, fired -> {
                if (!request.isEnded()) {
                    RouteProblems.end(context, Problem.of(Status.REQUEST_TIMEOUT, "request-timeout",
                            "The request body did not arrive within " + deadline + " ms; send it at "
                                    + minBytesPerSecond + " bytes per second or faster."));
                    request.connection().close();
                }
            });
            context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
        }
        context.next();
    }

    long deadlineMillis(long bodyBytes) {
        return graceMillis + Math.multiplyExact(bodyBytes, 1000L) / minBytesPerSecond;
    }

    private long expectedBodyBytes(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Math.min(Long.parseLong(length.trim()), maxBodySize);
            } catch (NumberFormatException malformed) {
                return 0; // Vert.x refuses a malformed Content-Length itself.
            }
        }
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) ? maxBodySize : 0;
    }
}
