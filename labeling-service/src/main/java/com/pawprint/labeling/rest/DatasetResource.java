package com.pawprint.labeling.rest;

import com.pawprint.labeling.service.BulkEdit;
import com.pawprint.labeling.service.DatasetView;
import com.pawprint.labeling.service.ReviewService;
import com.pawprint.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.UUID;

/** The review of a training job's captions, under the job id; only the job's tenant sees it. */
@Path("/v1/datasets/{jobId}")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final ReviewService review;

    public DatasetResource(ReviewService review) {
        this.review = review;
    }

    /** Captions with thumbnail URLs and warnings, the photos left out, and the review state. */
    @GET
    public DatasetView dataset(@PathParam("jobId") UUID jobId) {
        return review.view(jobId);
    }

    @PUT
    @Path("/captions/{photoId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DatasetView.CaptionView editCaption(@PathParam("jobId") UUID jobId, @PathParam("photoId") UUID photoId,
                                               @Valid @NotNull CaptionEditRequest request) {
        return review.edit(jobId, photoId, request.caption());
    }

    @POST
    @Path("/bulk-edit")
    @Consumes(MediaType.APPLICATION_JSON)
    public DatasetView bulkEdit(@PathParam("jobId") UUID jobId, @Valid @NotNull BulkEditRequest request) {
        BulkEdit edit;
        try {
            edit = new BulkEdit(BulkEdit.Operation.parse(request.operation()), request.find(), request.replace(),
                    request.tag());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return review.bulkEdit(jobId, edit);
    }

    /** {@code {"images": {"<tag>": count}}}, the shape of kohya's {@code ss_tag_frequency}. */
    @GET
    @Path("/tag-frequencies")
    public Map<String, Map<String, Integer>> tagFrequencies(@PathParam("jobId") UUID jobId) {
        return review.tagFrequencies(jobId);
    }

    /** Hands the captions to training (captions.ready); afterwards they are read-only. */
    @POST
    @Path("/approval")
    public DatasetView approve(@PathParam("jobId") UUID jobId) {
        return review.approve(jobId);
    }
}
