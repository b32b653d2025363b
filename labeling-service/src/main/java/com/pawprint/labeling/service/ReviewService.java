package com.pawprint.labeling.service;

import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.labeling.storage.Caption;
import com.pawprint.labeling.storage.Dataset;
import com.pawprint.labeling.storage.SkippedPhoto;
import com.pawprint.storage.ObjectStore;
import com.pawprint.tenancy.LogContext;
import com.pawprint.tenancy.TenantContext;
import com.pawprint.web.Problem;
import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's review of a dataset: read, edit one caption or all of them, tag frequencies, approve. Another
 * tenant's dataset is "not found"; an approved dataset is read-only (409).
 */
@ApplicationScoped
public class ReviewService {

    private final TenantContext tenant;
    private final ObjectStore store;
    private final CaptionChecks checks;
    private final DatasetPublisher publisher;

    public ReviewService(TenantContext tenant, ObjectStore store, CaptionChecks checks, DatasetPublisher publisher) {
        this.tenant = tenant;
        this.store = store;
        this.checks = checks;
        this.publisher = publisher;
    }

    @Transactional
    public DatasetView view(UUID jobId) {
        return view(owned(jobId));
    }

    @Transactional
    public DatasetView.CaptionView edit(UUID jobId, UUID photoId, String text) {
        Dataset dataset = editable(jobId);
        Caption caption = Caption.<Caption>findByIdOptional(new Caption.Key(jobId, photoId))
                .orElseThrow(() -> ProblemException.notFound("caption", photoId));
        caption.caption = text.strip();
        caption.updatedAt = Instant.now();
        return captionView(caption, pet(dataset));
    }

    @Transactional
    public DatasetView bulkEdit(UUID jobId, BulkEdit edit) {
        Dataset dataset = editable(jobId);
        Instant now = Instant.now();
        for (Caption caption : Caption.ofDataset(jobId)) {
            String edited = edit.apply(caption.caption);
            if (!edited.equals(caption.caption)) {
                caption.caption = edited;
                caption.updatedAt = now;
            }
        }
        return view(dataset);
    }

    @Transactional
    public Map<String, Map<String, Integer>> tagFrequencies(UUID jobId) {
        owned(jobId);
        return TagFrequencies.of(Caption.ofDataset(jobId).stream().map(caption -> caption.caption).toList());
    }

    /** Hands the captions to training; empty captions must be fixed first (422, with the suggested fix). */
    @Transactional
    public DatasetView approve(UUID jobId) {
        Dataset dataset = editable(jobId);
        List<Caption> captions = Caption.ofDataset(jobId);
        PetProfile pet = pet(dataset);
        List<Problem.FieldError> empty = captions.stream().filter(caption -> caption.caption.isBlank())
                .map(caption -> new Problem.FieldError("captions." + caption.photoId,
                        "the caption is empty; for example \"" + Tags.leadingTag(pet) + "\""))
                .toList();
        if (!empty.isEmpty()) {
            throw ProblemException.invalid(empty.size() + " captions are empty; fix them before approving", empty);
        }
        publisher.publish(dataset, captions);
        return view(dataset);
    }

    private DatasetView view(Dataset dataset) {
        PetProfile pet = pet(dataset);
        return new DatasetView(dataset.jobId, dataset.petId, dataset.status.name(), dataset.reviewMode,
                dataset.captioner, dataset.triggerToken, dataset.metadataCsvKey, dataset.approvedAt,
                Caption.ofDataset(dataset.jobId).stream().map(caption -> captionView(caption, pet)).toList(),
                SkippedPhoto.ofDataset(dataset.jobId).stream()
                        .map(skip -> new DatasetView.SkippedView(skip.photoId, skip.reason)).toList());
    }

    private DatasetView.CaptionView captionView(Caption caption, PetProfile pet) {
        return new DatasetView.CaptionView(caption.photoId, caption.position, caption.caption, caption.imageKey,
                store.presignedGet(caption.thumbnailKey), checks.check(caption.caption, pet));
    }

    private Dataset owned(UUID jobId) {
        Dataset dataset = tenant.requireOwned(Dataset.<Dataset>findById(jobId), d -> d.tenantId, "dataset", jobId);
        LogContext.putJobId(jobId.toString());
        return dataset;
    }

    private Dataset editable(UUID jobId) {
        Dataset dataset = owned(jobId);
        if (dataset.status == Dataset.Status.APPROVED) {
            throw ProblemException.conflict("the captions of dataset " + jobId + " were approved at "
                    + dataset.approvedAt + " and handed to training; they can no longer be edited");
        }
        return dataset;
    }

    private static PetProfile pet(Dataset dataset) {
        return EventCodec.decode(dataset.sourceEvent, PhotosIngested.class).pet();
    }
}
