package com.pawprint.ingest.rest;

import com.pawprint.ingest.service.JobService;
import com.pawprint.ingest.service.JobView;
import com.pawprint.tenancy.LogContext;
import com.pawprint.tenancy.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobResource {

    private final JobService jobs;
    private final TenantContext tenant;

    public JobResource(JobService jobs, TenantContext tenant) {
        this.jobs = jobs;
        this.tenant = tenant;
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "A job's status",
            description = "RECEIVED, CAPTIONING, AWAITING_REVIEW, TRAINING (with progress), RENDERING, COMPOSING, "
                    + "DONE, FAILED (with stage and reason) or CANCELED.")
    public JobView get(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        return JobView.of(jobs.get(tenant.tenantId(), jobId));
    }

    @POST
    @Path("/{jobId}/cancel")
    @Operation(summary = "Cancel an unfinished job", description = "409 when the job has already finished.")
    public JobView cancel(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        return JobView.of(jobs.cancel(tenant.tenantId(), jobId));
    }
}
