package com.pawprint.trainer;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.DatasetImage;
import com.pawprint.contracts.DatasetManifest;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Species;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;
import com.pawprint.samples.SyntheticPet;
import com.pawprint.samples.SyntheticPets;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * captions.ready events for tests, with their dataset uploaded where labeling-service writes it: 256-pixel JPEGs of a
 * synthetic cat under {@code datasets/{job}/images/}, a metadata.csv naming them {@code <photo id>.jpg} and one
 * caption per image.
 */
public final class TrainingOrders {

    /** The generated tiny model the test profile registers (pawprint.models.bootstrap-tiny-model). */
    public static final String TINY_MODEL = "tiny-sd";

    private TrainingOrders() {
    }

    /** A tiny, quick run: resolution 256, rank 4, {@code steps} steps, a checkpoint every {@code saveSteps}. */
    public static TrainingConfig tinyConfig(int steps, int saveSteps, Map<String, Object> overrides) {
        Map<String, Object> options = new HashMap<>(Map.of("base_model", TINY_MODEL, "resolution", 256,
                "lora_rank", 4, "batch_size", 1, "max_train_steps", steps, "save_steps", saveSteps,
                "learning_rate", 1e-3, "lr_scheduler", "constant", "train_text_encoder", false,
                "enable_bucket", false));
        options.putAll(overrides);
        return TrainingConfig.of(options);
    }

    public static CaptionsReady upload(ObjectStore store, String tenant, int images, TrainingConfig config) {
        UUID pet = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        ObjectKeys.PetKeys keys = ObjectKeys.pet(tenant, pet.toString());
        List<DatasetImage> manifest = new ArrayList<>();
        List<String> captionKeys = new ArrayList<>();
        StringBuilder csv = new StringBuilder("filename,prompt\r\n");
        List<SyntheticPet> photos = SyntheticPets.dataset(com.pawprint.samples.Species.CAT, images, 11);
        for (int i = 0; i < photos.size(); i++) {
            UUID photo = UUID.randomUUID();
            BufferedImage small = Resampler.resize(photos.get(i).image(), 256, 256, ResampleFilter.BICUBIC);
            String imageKey = keys.datasetImage(job.toString(), photo.toString());
            store.put(imageKey, SyntheticPets.jpeg(small), "image/jpeg");
            String caption = "mochi_cat cat, photo, " + (i % 2 == 0 ? "sitting" : "lying");
            String captionKey = keys.datasetCaption(job.toString(), photo.toString());
            store.put(captionKey, caption.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
            captionKeys.add(captionKey);
            csv.append(photo).append(".jpg,\"").append(caption).append("\"\r\n");
            manifest.add(new DatasetImage(photo, keys.photoOriginal(photo.toString()), imageKey, 256, 256,
                    "0".repeat(64)));
        }
        String csvKey = keys.datasetMetadata(job.toString());
        store.put(csvKey, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
        return new CaptionsReady(EventMetadata.newChain(tenant, pet, job),
                new PetProfile("Mochi", Species.CAT, "British Shorthair", "mochi_cat"), new DatasetManifest(manifest),
                csvKey, captionKeys, "mochi_cat", config);
    }
}
