package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.TenantService;
import com.pawprint.tenancy.IssuedToken;
import com.pawprint.tenancy.PublicEndpoint;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/auth/token")
@Tag(name = "auth")
public class AuthResource {

    private final TenantService tenants;

    public AuthResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @PublicEndpoint
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange an API key for a short-lived bearer token",
            description = "Body {\"apiKey\": \"pp_...\"}; the answer is an OAuth 2.0 token response. Send the token "
                    + "as Authorization: Bearer <access_token> on every other /v1 call.")
    public IssuedToken token(TokenRequest request) {
        return tenants.exchange(request == null ? null : request.apiKey());
    }
}
