package com.pawprint.tenancy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.MDC;

/** A stand-in API: one tenant resource, a public token exchange, an admin endpoint, an endpoint outside /v1. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AuthTestResource {

    /** Thing id → owning tenant. */
    static final Map<String, String> OWNERS = Map.of("thing-of-a", "tenant-a", "thing-of-b", "tenant-b");

    private final TenantContext tenant;
    private final TokenService tokens;

    AuthTestResource(TenantContext tenant, TokenService tokens) {
        this.tenant = tenant;
        this.tokens = tokens;
    }

    @GET
    @Path("v1/things/{id}")
    public Map<String, Object> thing(@PathParam("id") String id) {
        String owner = tenant.requireOwned(OWNERS.get(id), o -> o, "thing", id);
        return Map.of("id", id, "owner", owner, "mdcTenant", String.valueOf(MDC.get(LogContext.TENANT_ID)));
    }

    @POST
    @PublicEndpoint
    @Path("v1/auth/token/{tenant}")
    public IssuedToken token(@PathParam("tenant") String tenantId) {
        return tokens.issue(tenantId, UUID.randomUUID());
    }

    @GET
    @AdminOnly
    @Path("v1/admin/tenants")
    public Map<String, Object> tenants() {
        return Map.of("tenants", OWNERS.values());
    }

    @GET
    @Path("status")
    public Map<String, Object> status() {
        return Map.of("up", true);
    }
}
