package com.pawprint.merch.rest;

import com.pawprint.merch.catalog.Catalog;
import com.pawprint.tenancy.PublicEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The product catalogue, read-only; the same for every tenant, so it needs no token. */
@Path("/v1/catalog")
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final Catalog catalog;

    public CatalogResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Products with their variants and placements (print area in inches, DPI, fill mode, file "
            + "format, background policy)")
    public Catalog catalog() {
        return catalog;
    }
}
