package com.pawprint.trainer.service;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.DatasetImage;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.storage.ObjectInfo;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Fetches what a job trains on into its local folder: metadata.csv and the images by their keys (as
 * {@code <photo id>.jpg}, the names metadata.csv uses), and the optional {@code network_weights} file and
 * {@code reg_data_dir} images.
 */
@ApplicationScoped
public class DatasetDownloader {

    /** The local folders and files of one job's inputs. */
    public record LocalDataset(Path dataDir, Path metadataCsv, Path networkWeights, Path regDataDir) {
    }

    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final ObjectStore store;

    public DatasetDownloader(ObjectStore store) {
        this.store = store;
    }

    public LocalDataset download(CaptionsReady event, Path jobDir) {
        // TrainingQueue refused every key outside the job's tenant and pet before the job was queued.
        TrainingConfig config = event.trainingConfig();
        Path dataDir = jobDir.resolve("dataset");
        Path csv = dataDir.resolve("metadata.csv");
        fetch(event.metadataCsvKey(), csv);
        for (DatasetImage image : event.dataset().images()) {
            fetch(image.normalizedKey(), dataDir.resolve(image.photoId() + ".jpg"));
        }
        Path weights = null;
        if (config.networkWeights() != null) {
            weights = jobDir.resolve("network_weights.safetensors");
            fetch(config.networkWeights(), weights);
        }
        Path regDir = null;
        if (config.regDataDir() != null) {
            regDir = jobDir.resolve("regularization");
            String prefix = config.regDataDir().endsWith("/") ? config.regDataDir() : config.regDataDir() + "/";
            int fetched = 0;
            for (ObjectInfo object : store.list(prefix)) {
                String name = object.key().substring(prefix.length());
                // Only the folder's own files, under names that are safe as local file names.
                if (PLAIN_FILE_NAME.matcher(name).matches()) {
                    fetch(object.key(), regDir.resolve(name));
                    fetched++;
                }
            }
            if (fetched == 0) {
                throw new TrainingInputException("reg_data_dir " + config.regDataDir() + " holds no images");
            }
        }
        return new LocalDataset(dataDir, csv, weights, regDir);
    }

    private void fetch(String key, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try (InputStream in = store.open(key)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (ObjectNotFoundException e) {
            throw new TrainingInputException("the object " + key + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + key + " to " + target, e);
        }
    }
}
