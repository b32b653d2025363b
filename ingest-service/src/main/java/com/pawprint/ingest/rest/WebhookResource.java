package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.WebhookService;
import com.pawprint.tenancy.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
public class WebhookResource {

    private final WebhookService webhooks;
    private final TenantContext tenant;

    public WebhookResource(WebhookService webhooks, TenantContext tenant) {
        this.webhooks = webhooks;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint for job status changes",
            description = "The answer holds the signing secret, shown only this once. Deliveries carry the headers "
                    + "webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "
                    + "id.timestamp.body, keyed with the base64 part of the secret>).")
    public Response register(WebhookRequest request) {
        WebhookRequest body = request == null ? new WebhookRequest(null, null) : request;
        WebhookResponse created = WebhookResponse.of(
                webhooks.register(tenant.tenantId(), body.url(), body.description()));
        return Response.created(URI.create("/v1/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    public List<WebhookResponse> list() {
        return webhooks.list(tenant.tenantId()).stream().map(WebhookResponse::of).toList();
    }

    @GET
    @Path("/{webhookId}")
    public WebhookResponse get(@PathParam("webhookId") UUID webhookId) {
        return WebhookResponse.of(webhooks.get(tenant.tenantId(), webhookId));
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @Operation(summary = "The deliveries to this endpoint and their state")
    public List<DeliveryResponse> deliveries(@PathParam("webhookId") UUID webhookId) {
        return webhooks.deliveries(tenant.tenantId(), webhookId).stream().map(DeliveryResponse::of).toList();
    }

    @DELETE
    @Path("/{webhookId}")
    public Response delete(@PathParam("webhookId") UUID webhookId) {
        webhooks.delete(tenant.tenantId(), webhookId);
        return Response.noContent().build();
    }
}
