package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.JobService;
import com.pawprint.ingest.service.JobView;
import com.pawprint.ingest.service.PetDeletionService;
import com.pawprint.ingest.service.PetService;
import com.pawprint.ingest.service.TrainingService;
import com.pawprint.tenancy.LogContext;
import com.pawprint.tenancy.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/v1/pets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "pets")
public class PetResource {

    private final PetService pets;
    private final PetDeletionService deletion;
    private final TrainingService trainings;
    private final JobService jobs;
    private final TenantContext tenant;

    public PetResource(PetService pets, PetDeletionService deletion, TrainingService trainings, JobService jobs,
                       TenantContext tenant) {
        this.pets = pets;
        this.deletion = deletion;
        this.trainings = trainings;
        this.jobs = jobs;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a pet", description = "species is cat, dog or other; the trigger token defaults to "
            + "the name plus the class word, e.g. mochi_cat.")
    public Response create(PetRequest request) {
        PetRequest body = request == null ? new PetRequest(null, null, null, null) : request;
        PetResponse pet = PetResponse.of(pets.create(tenant.tenantId(), body.name(), body.species(), body.breed(),
                body.triggerToken()));
        return Response.created(URI.create("/v1/pets/" + pet.id())).entity(pet).build();
    }

    @GET
    @Operation(summary = "List the tenant's pets")
    public List<PetResponse> list() {
        return pets.list(tenant.tenantId()).stream().map(PetResponse::of).toList();
    }

    @GET
    @Path("/{petId}")
    public PetResponse get(@PathParam("petId") UUID petId) {
        return PetResponse.of(pets.get(tenant.tenantId(), petId));
    }

    @DELETE
    @Path("/{petId}")
    @Operation(summary = "Delete a pet and everything derived from it",
            description = "Cancels the pet's running jobs and deletes its photos, datasets, LoRAs, renders and merch.")
    public Response delete(@PathParam("petId") UUID petId) {
        deletion.delete(tenant.tenantId(), petId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{petId}/trainings")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", MediaType.WILDCARD})
    @Operation(summary = "Order a training",
            description = "Body: a lora-scripts style training config as JSON or YAML. The Idempotency-Key header is "
                    + "required: repeating a request with the same key answers with the job it created.")
    public Response order(@PathParam("petId") UUID petId,
                          @HeaderParam("Idempotency-Key") String idempotencyKey,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          String body) {
        TrainingService.Order order = trainings.order(tenant.tenantId(), petId, idempotencyKey, contentType, body);
        LogContext.putJobId(order.job().id.toString());
        Response.ResponseBuilder response = Response.created(URI.create("/v1/jobs/" + order.job().id))
                .entity(JobView.of(order.job()));
        if (order.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Path("/{petId}/jobs")
    @Operation(summary = "List the pet's jobs")
    public List<JobView> jobs(@PathParam("petId") UUID petId) {
        return jobs.listOfPet(pets.get(tenant.tenantId(), petId).id).stream().map(JobView::of).toList();
    }
}
