package com.pawprint.render.rest;

import com.pawprint.render.service.OnDemandRenders;
import com.pawprint.render.service.RenderCancellations;
import com.pawprint.render.service.RenderViews;
import com.pawprint.render.storage.RenderTask;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

/** On-demand renders of the caller's pets, and the renders of the caller's orders; anyone else's are a 404. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RenderResource {

    private final OnDemandRenders renders;
    private final RenderViews views;
    private final RenderCancellations cancellations;

    public RenderResource(OnDemandRenders renders, RenderViews views, RenderCancellations cancellations) {
        this.renders = renders;
        this.views = views;
        this.cancellations = cancellations;
    }

    @POST
    @Path("/pets/{petId}/renders")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render the pet with a preset or a prompt as an asynchronous task; poll the Location until "
            + "it has succeeded, failed or been canceled")
    public Response create(@PathParam("petId") UUID petId, RenderRequest request) {
        RenderTask task = renders.submit(petId, request);
        return Response.accepted(views.view(task))
                .location(UriBuilder.fromPath("/v1/renders/{id}").build(task.id))
                .build();
    }

    @GET
    @Path("/pets/{petId}/renders")
    @Operation(summary = "The pet's on-demand renders, newest first")
    public List<TaskView> petRenders(@PathParam("petId") UUID petId) {
        return views.petTasks(petId);
    }

    @GET
    @Path("/pets/{petId}/loras")
    @Operation(summary = "The pet's LoRA versions a render may name, newest first")
    public List<LoraView> loras(@PathParam("petId") UUID petId) {
        return views.loras(petId);
    }

    @GET
    @Path("/renders/{taskId}")
    @Operation(summary = "Status, progress (image, step, ETA) and presigned images of a render task")
    public TaskView task(@PathParam("taskId") UUID taskId) {
        return views.task(taskId);
    }

    @POST
    @Path("/renders/{taskId}/cancel")
    @Operation(summary = "Cancel the render: a queued task ends at once, a running one within a sampler step")
    public Response cancel(@PathParam("taskId") UUID taskId) {
        views.task(taskId);
        cancellations.cancelTask(taskId);
        return Response.accepted(views.task(taskId)).build();
    }

    @GET
    @Path("/jobs/{jobId}/renders")
    @Operation(summary = "The order's renders: one task per product and preset")
    public JobRendersView job(@PathParam("jobId") UUID jobId) {
        return views.job(jobId);
    }
}
