package com.pawprint.trainer.rest;

import com.pawprint.tenancy.LogContext;
import com.pawprint.trainer.service.TrainingViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

/** A training job under its job id, for the job's tenant only (404 for anyone else's). */
@Path("/v1/trainings/{jobId}")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    private final TrainingViews views;

    public TrainingResource(TrainingViews views) {
        this.views = views;
    }

    @GET
    @Operation(summary = "Status, step, epoch, loss, version name and checkpoints of the training")
    public TrainingView training(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        return views.view(jobId);
    }

    @GET
    @Path("/loss")
    @Operation(summary = "The loss of every optimizer step so far")
    public List<LossPoint> loss(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        return views.loss(jobId);
    }

    @GET
    @Path("/loss.csv")
    @Produces("text/csv")
    @Operation(summary = "The step log as CSV (step, epoch, loss, average, learning rates, it/s, grad norm)")
    public String lossCsv(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        return views.lossCsv(jobId);
    }

    @GET
    @Path("/loss.png")
    @Produces("image/png")
    @Operation(summary = "The loss plot of the finished run")
    public byte[] lossPlot(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        return views.lossPlot(jobId);
    }

    @GET
    @Path("/downloads")
    @Operation(summary = "Presigned download URLs of the LoRA and its checkpoints")
    public TrainingDownloads downloads(@PathParam("jobId") UUID jobId) {
        LogContext.putJobId(jobId.toString());
        return views.downloads(jobId);
    }
}
