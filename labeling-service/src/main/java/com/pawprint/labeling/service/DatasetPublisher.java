package com.pawprint.labeling.service;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.DatasetImage;
import com.pawprint.contracts.DatasetManifest;
import com.pawprint.contracts.EventCodec;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.PhotosIngested;
import com.pawprint.contracts.Stage;
import com.pawprint.labeling.storage.Caption;
import com.pawprint.labeling.storage.Dataset;
import com.pawprint.messaging.JobProgressReporter;
import com.pawprint.messaging.KafkaSender;
import com.pawprint.messaging.OutgoingEvents;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Hands an approved dataset to training: metadata.csv and one .txt caption per image under the dataset prefix, then
 * captions.ready (sent and acknowledged before the caller's transaction commits the approval).
 */
@ApplicationScoped
public class DatasetPublisher {

    private static final Logger LOG = Logger.getLogger(DatasetPublisher.class);

    private final ObjectStore store;
    private final KafkaSender sender;
    private final OutgoingEvents outgoing;
    private final JobProgressReporter progress;

    public DatasetPublisher(ObjectStore store, KafkaSender sender, OutgoingEvents outgoing,
                            JobProgressReporter progress) {
        this.store = store;
        this.sender = sender;
        this.outgoing = outgoing;
        this.progress = progress;
    }

    /** The file name a dataset image has in metadata.csv and beside its caption: {@code <photo id>.jpg}. */
    public static String imageFileName(UUID photoId) {
        return photoId + ".jpg";
    }

    public CaptionsReady publish(Dataset dataset, List<Caption> captions) {
        PhotosIngested source = EventCodec.decode(dataset.sourceEvent, PhotosIngested.class);
        ObjectKeys.PetKeys keys = ObjectKeys.pet(dataset.tenantId, dataset.petId.toString());
        String job = dataset.jobId.toString();

        List<MetadataCsv.Row> rows = captions.stream()
                .map(caption -> new MetadataCsv.Row(imageFileName(caption.photoId), caption.caption)).toList();
        String csvKey = keys.datasetMetadata(job);
        store.put(csvKey, MetadataCsv.write(rows).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
        List<String> captionKeys = new ArrayList<>(captions.size());
        for (Caption caption : captions) {
            String key = keys.datasetCaption(job, caption.photoId.toString());
            store.put(key, caption.caption.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
            captionKeys.add(key);
        }

        Map<UUID, DatasetImage> ordered = source.dataset().images().stream()
                .collect(Collectors.toMap(DatasetImage::photoId, Function.identity(), (a, b) -> a));
        List<DatasetImage> images = captions.stream().map(caption -> {
            DatasetImage original = ordered.get(caption.photoId);
            return new DatasetImage(caption.photoId, original.originalKey(), caption.imageKey, original.width(),
                    original.height(), original.sha256());
        }).toList();
        CaptionsReady ready = new CaptionsReady(source.metadata().next(), source.pet(), new DatasetManifest(images),
                csvKey, captionKeys, dataset.triggerToken, source.trainingConfig());
        sender.send(outgoing.record(ready));

        dataset.status = Dataset.Status.APPROVED;
        dataset.approvedAt = Instant.now();
        dataset.metadataCsvKey = csvKey;
        progress.progress(source.metadata(), Stage.LABELING, JobStatus.CAPTIONING, captions.size(), captions.size(),
                null, null, "captions approved: " + captions.size() + " captioned photos handed to training");
        LOG.infof("captions.ready for job %s: %d images, %s", job, captions.size(), csvKey);
        return ready;
    }
}
