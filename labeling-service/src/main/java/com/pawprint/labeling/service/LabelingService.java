package com.pawprint.labeling.service;

import com.pawprint.contracts.DatasetImage;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.ReviewMode;
import com.pawprint.contracts.Stage;
import com.pawprint.imaging.DecodeLimits;
import com.pawprint.imaging.DecodedImage;
import com.pawprint.imaging.Outcome;
import com.pawprint.imaging.SafeDecoder;
import com.pawprint.labeling.storage.Caption;
import com.pawprint.labeling.storage.Dataset;
import com.pawprint.labeling.storage.SkippedPhoto;
import com.pawprint.messaging.DeadLetters;
import com.pawprint.messaging.JobProgressReporter;
import com.pawprint.messaging.ReceivedRecord;
import com.pawprint.storage.ForeignKeyException;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Captions the photos of an accepted order. A photo that is missing from S3 or cannot be decoded is left out with
 * its reason and the rest are captioned; an order with no usable photo, or naming a photo that is not its pet's,
 * fails (dead letter, job FAILED). With {@code review: auto} the captions go to training at once, with
 * {@code manual} the job waits in AWAITING_REVIEW.
 */
@ApplicationScoped
public class LabelingService {

    private static final Logger LOG = Logger.getLogger(LabelingService.class);

    private final ObjectStore store;
    private final Captioner captioner;
    private final CaptionChecks checks;
    private final DatasetPublisher publisher;
    private final JobProgressReporter progress;
    private final DeadLetters deadLetters;
    private final SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());

    public LabelingService(ObjectStore store, Captioner captioner, CaptionChecks checks, DatasetPublisher publisher,
                           JobProgressReporter progress, DeadLetters deadLetters) {
        this.store = store;
        this.captioner = captioner;
        this.checks = checks;
        this.publisher = publisher;
        this.progress = progress;
        this.deadLetters = deadLetters;
    }

    /** Runs in the consumer's transaction, after the event was marked processed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Dataset> label(PhotosIngested event, ReceivedRecord record) {
        EventMetadata metadata = event.metadata();
        if (Dataset.findById(metadata.jobId()) != null) {
            LOG.warnf("job %s already has a dataset; a second photos.ingested for it changes nothing",
                    metadata.jobId());
            return Optional.empty();
        }
        List<DatasetImage> images = event.dataset().images();
        ObjectKeys.PetKeys keys = ObjectKeys.pet(metadata.tenantId(), metadata.petId().toString());
        try {
            images.forEach(image -> keys.requireOwn("photo", image.normalizedKey()));
        } catch (ForeignKeyException e) {
            // Not one photo of an event that names another pet's or tenant's object is read.
            return fail(record, metadata, e.getMessage());
        }
        progress.statusChanged(metadata, Stage.LABELING, JobStatus.CAPTIONING,
                "captioning " + images.size() + " photos with the " + captioner.name() + " captioner");
        String job = metadata.jobId().toString();
        Instant now = Instant.now();

        List<Caption> captions = new ArrayList<>();
        List<SkippedPhoto> skipped = new ArrayList<>();
        for (DatasetImage image : images) {
            Optional<String> problem = Optional.empty();
            String text = null;
            byte[] bytes = null;
            try {
                bytes = store.get(image.normalizedKey());
                Outcome<DecodedImage> decoded = decoder.decode(bytes);
                if (decoded.isOk()) {
                    text = captioner.caption(decoded.value().image(), event.pet());
                } else {
                    problem = Optional.of("the image cannot be decoded: " + decoded.rejection().message());
                }
            } catch (ObjectNotFoundException e) {
                problem = Optional.of("the photo object " + image.normalizedKey() + " is missing from storage");
            }
            if (problem.isPresent()) {
                LOG.warnf("photo %s left out of job %s's dataset: %s", image.photoId(), job, problem.get());
                SkippedPhoto skip = new SkippedPhoto();
                skip.jobId = metadata.jobId();
                skip.photoId = image.photoId();
                skip.reason = problem.get();
                skipped.add(skip);
                continue;
            }
            String imageKey = keys.datasetImage(job, image.photoId().toString());
            store.put(imageKey, bytes, "image/jpeg");
            Caption caption = new Caption();
            caption.jobId = metadata.jobId();
            caption.photoId = image.photoId();
            caption.position = captions.size();
            caption.imageKey = imageKey;
            caption.thumbnailKey = keys.photoThumbnail(image.photoId().toString());
            caption.caption = text;
            caption.updatedAt = now;
            captions.add(caption);
            checks.check(text, event.pet()).forEach(warning ->
                    LOG.warnf("caption of photo %s: %s", image.photoId(), warning.message()));
        }

        if (captions.isEmpty()) {
            String reason = "none of the " + images.size() + " photos could be captioned: "
                    + String.join("; ", skipped.stream().map(s -> s.photoId + ": " + s.reason).toList());
            return fail(record, metadata, reason);
        }

        Dataset dataset = new Dataset();
        dataset.jobId = metadata.jobId();
        dataset.tenantId = metadata.tenantId();
        dataset.petId = metadata.petId();
        dataset.status = Dataset.Status.AWAITING_REVIEW;
        dataset.reviewMode = event.trainingConfig().review().name().toLowerCase(java.util.Locale.ROOT);
        dataset.captioner = captioner.name();
        dataset.triggerToken = event.pet().triggerToken();
        dataset.sourceEvent = EventCodec.encode(event);
        dataset.createdAt = now;
        dataset.persist();
        captions.forEach(caption -> caption.persist());
        skipped.forEach(skip -> skip.persist());

        if (event.trainingConfig().review() == ReviewMode.AUTO) {
            publisher.publish(dataset, captions);
        } else {
            progress.statusChanged(metadata, Stage.LABELING, JobStatus.AWAITING_REVIEW, captions.size()
                    + " captions wait for review" + (skipped.isEmpty() ? "" : "; " + skipped.size() + " photos left out"));
        }
        return Optional.of(dataset);
    }

    private Optional<Dataset> fail(ReceivedRecord record, EventMetadata metadata, String reason) {
        deadLetters.publish(record, reason, Stage.LABELING);
        progress.failed(metadata, Stage.LABELING, reason);
        return Optional.empty();
    }
}
