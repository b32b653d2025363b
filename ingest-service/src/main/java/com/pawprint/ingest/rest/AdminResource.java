package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.TenantService;
import com.pawprint.ingest.storage.Tenant;
import com.pawprint.tenancy.AdminOnly;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** The operator's endpoints; they take {@code Authorization: Bearer <pawprint.auth.admin-token>}. */
@Path("/v1/admin/tenants")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

    private final TenantService tenants;

    public AdminResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant")
    public Response createTenant(TenantRequest request) {
        Tenant tenant = tenants.create(request == null ? null : request.name());
        return Response.created(URI.create("/v1/admin/tenants/" + tenant.id))
                .entity(new TenantResponse(tenant.id, tenant.name, tenant.createdAt)).build();
    }

    @POST
    @Path("/{tenantId}/keys")
    @Operation(summary = "Issue an API key", description = "The key is in this answer only; it is stored hashed.")
    public Response issueKey(@PathParam("tenantId") String tenantId) {
        TenantService.IssuedKey issued = tenants.issueKey(tenantId);
        return Response.status(Response.Status.CREATED)
                .entity(new ApiKeyResponse(issued.key().id, issued.key().tenantId, issued.plaintext(),
                        issued.key().keyPrefix, issued.key().createdAt))
                .build();
    }

    @DELETE
    @Path("/{tenantId}/keys/{keyId}")
    @Operation(summary = "Revoke an API key")
    public Response revokeKey(@PathParam("tenantId") String tenantId, @PathParam("keyId") UUID keyId) {
        tenants.revokeKey(tenantId, keyId);
        return Response.noContent().build();
    }
}
