package com.pawprint.render.rest;

import com.pawprint.render.service.RenderViews;
import com.pawprint.tenancy.PublicEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** The style presets, read-only and the same for every tenant. */
@Path("/v1/styles")
@Produces(MediaType.APPLICATION_JSON)
@PublicEndpoint
public class StyleResource {

    private final RenderViews views;

    public StyleResource(RenderViews views) {
        this.views = views;
    }

    @GET
    @Operation(summary = "Every style preset with its prompt template, parameters and the products it serves")
    public List<StyleView> styles() {
        return views.styles();
    }

    @GET
    @Path("/{id}")
    public StyleView style(@PathParam("id") String id) {
        return views.style(id);
    }
}
