package com.pawprint.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared oversized body with a 413 problem. Quarkus enforces {@code quarkus.http.limits.max-body-size}
 * in a Vert.x route (order -2) that ends the exchange with an empty body before JAX-RS runs, so no exception mapper
 * ever sees it; this route runs just before that one with the same limit.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Quarkus' own enforcing route has order -2. */
    static final int ROUTE_ORDER = -3;

    private final long maxBodySize;
    private final Problem problem;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.problem = Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                "Request body exceeds the limit of " + this.maxBodySize + " bytes");
    }

    void register(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::rejectOversized);
    }

    private void rejectOversized(RoutingContext context) {
        String declaredLength = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declaredLength != null && isOver(declaredLength)) {
            RouteProblems.end(context, problem);
            return;
        }
        context.next();
    }

    private boolean isOver(String declaredLength) {
        try {
            return Long.parseLong(declaredLength.trim()) > maxBodySize;
        } catch (NumberFormatException malformed) {
            return false; // Vert.x rejects a malformed Content-Length itself.
        }
    }
}
