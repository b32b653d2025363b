package com.pawprint.ingest.rest;

import com.pawprint.ingest.config.IngestConfig;
import com.pawprint.ingest.service.UploadSlots;
import com.pawprint.tenancy.InvalidTokenException;
import com.pawprint.tenancy.TokenService;
import com.pawprint.web.BodyReadDeadline;
import com.pawprint.web.Problem;
import com.pawprint.web.RouteProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admits a photo upload only while its tenant and the service have a free {@link UploadSlots slot}, before a byte of
 * its body is read; beyond that it is a 429 with Retry-After. A request without a valid token passes through, for
 * the authentication filter to refuse with its own 401.
 */
@ApplicationScoped
public class UploadAdmission {

    static final int ROUTE_ORDER = BodyReadDeadline.ROUTE_ORDER - 1;
    private static final Pattern UPLOAD_PATH = Pattern.compile("/v1/pets/[^/]+/photos/?");
    private static final String BEARER = "Bearer ";

    private final UploadSlots slots;
    private final TokenService tokens;
    private final long retryAfterSeconds;

    public UploadAdmission(UploadSlots slots, TokenService tokens, IngestConfig config) {
        this.slots = slots;
        this.tokens = tokens;
        this.retryAfterSeconds = Math.max(1, config.upload().retryAfter().toSeconds());
    }

    void register(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        Optional<String> tenantId = context.request().method() == HttpMethod.POST
                && UPLOAD_PATH.matcher(context.request().path()).matches() ? tenantOf(context) : Optional.empty();
        if (tenantId.isEmpty()) {
            context.next();
            return;
        }
        Optional<UploadSlots.Slot> slot = slots.take(tenantId.get());
        if (slot.isEmpty()) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            RouteProblems.end(context, Problem.of(Response.Status.TOO_MANY_REQUESTS, "too-many-uploads",
                    "Too many uploads in flight for this tenant or this service; retry after " + retryAfterSeconds
                            + " s."));
            return;
        }
        context.addEndHandler(ended -> slot.get().release());
        context.next();
    }

    private Optional<String> tenantOf(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.verify(authorization.substring(BEARER.length()).strip()).tenantId());
        } catch (InvalidTokenException invalid) {
            return Optional.empty();
        }
    }
}
