package com.pawprint.merch.rest;

import com.pawprint.merch.service.RecomposeRequest;
import com.pawprint.merch.service.RecomposeService;
import com.pawprint.merch.storage.MerchItem;
import com.pawprint.merch.storage.MerchJob;
import com.pawprint.merch.storage.RecomposeTask;
import com.pawprint.merch.storage.TaskStatus;
import com.pawprint.tenancy.LogContext;
import com.pawprint.tenancy.TenantContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Locale;
import java.util.UUID;

/** A job's merch and its re-compose tasks, for the job's tenant only (404 for anyone else's). */
@Path("/v1/jobs/{jobId}/merch")
@Produces(MediaType.APPLICATION_JSON)
public class MerchResource {

    private final TenantContext tenant;
    private final RecomposeService recompose;
    private final Files files;

    public MerchResource(TenantContext tenant, RecomposeService recompose, Files files) {
        this.tenant = tenant;
        this.recompose = recompose;
        this.files = files;
    }

    @GET
    @Transactional
    @Operation(summary = "Every composed product of the job with presigned URLs of its print file, mockup and thumbnail")
    public JobMerchResponse list(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        MerchJob job = tenant.requireOwned(MerchJob.<MerchJob>findById(jobId), owned -> owned.tenantId, "job", jobId);
        return new JobMerchResponse(job.jobId, MerchItem.ofJob(jobId).stream()
                .map(item -> files.product(item.product, item.variant, item.placement, item.printFileKey,
                        item.cutLineKey, item.mockupKey, item.thumbnailKey, item.warnings))
                .toList());
    }

    @POST
    @Path("/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compose one product again with a placement (position, scale, rotation, background) as an "
            + "asynchronous task; poll the Location until it is completed or failed")
    public Response create(@PathParam("jobId") UUID jobId, RecomposeRequest request, @Context UriInfo uri) {
        LogContext.putJobId(jobId.toString());
        RecomposeTask task = recompose.create(jobId, request);
        recompose.start(task.id);
        return Response.accepted(view(task))
                .location(uri.getAbsolutePathBuilder().path(task.id.toString()).build())
                .build();
    }

    @GET
    @Path("/tasks/{taskId}")
    public TaskResponse task(@PathParam("jobId") UUID jobId, @PathParam("taskId") UUID taskId) {
        LogContext.putJobId(jobId.toString());
        return view(recompose.find(jobId, taskId));
    }

    private TaskResponse view(RecomposeTask task) {
        ProductFilesResponse result = task.status == TaskStatus.COMPLETED
                ? files.product(task.product, task.variant, task.placement, task.printFileKey, task.cutLineKey,
                task.mockupKey, task.thumbnailKey, task.warnings)
                : null;
        return new TaskResponse(task.id, task.jobId, task.status.name().toLowerCase(Locale.ROOT), task.product,
                task.variant, task.placement, task.centreX, task.centreY, task.scale, task.rotation,
                task.background.name().toLowerCase(Locale.ROOT), task.failureReason, result);
    }
}
