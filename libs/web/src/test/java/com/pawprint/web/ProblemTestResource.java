package com.pawprint.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Endpoints that fail in each way the mappers must cover. */
@Path("/test")
public class ProblemTestResource {

    public record Pet(@NotBlank String name, @Min(1) @Max(50) int age, @Size(max = 2) List<@NotBlank String> tags) {}

    @POST
    @Path("/pets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Pet create(@Valid Pet pet) {
        return pet;
    }

    @GET
    @Path("/pets")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Pet> list(@QueryParam("limit") @Max(100) int limit) {
        return List.of();
    }

    @GET
    @Path("/missing-pet")
    @Produces(MediaType.APPLICATION_JSON)
    public Pet missingPet() {
        throw ProblemException.notFound("pet", "42");
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret database password is hunter2");
    }

    @POST
    @Path("/upload")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    public String upload(byte[] body) {
        return Integer.toString(body.length);
    }
}
