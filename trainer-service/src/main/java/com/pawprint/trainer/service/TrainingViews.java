package com.pawprint.trainer.service;

import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectNotFoundException;
import com.pawprint.storage.ObjectStore;
import com.pawprint.storage.StorageConfig;
import com.pawprint.tenancy.TenantContext;
import com.pawprint.trainer.rest.LossPoint;
import com.pawprint.trainer.rest.TrainingDownloads;
import com.pawprint.trainer.rest.TrainingView;
import com.pawprint.trainer.storage.TrainingJob;
import com.pawprint.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the REST API shows of a training, for the current tenant only: another tenant's job is a 404, like a job
 * that does not exist. Files come from the run's folder in object storage.
 */
@ApplicationScoped
public class TrainingViews {

    static final String STEPS_LOG = "logs/steps.csv";
    static final String LOSS_PLOT = "loss.png";
    private static final Pattern CHECKPOINT_STEP = Pattern.compile(".*/checkpoints/step-(\\d{8})/lora\\.safetensors");

    private final TenantContext tenant;
    private final ObjectStore store;
    private final StorageConfig storage;
    private final Clock clock = Clock.systemUTC();

    public TrainingViews(TenantContext tenant, ObjectStore store, StorageConfig storage) {
        this.tenant = tenant;
        this.store = store;
        this.storage = storage;
    }

    public TrainingView view(UUID jobId) {
        TrainingJob job = owned(jobId);
        String baseModel = ConfigJson.read(job.configJson).baseModel();
        return new TrainingView(job.jobId, job.petId, job.status.name().toLowerCase(Locale.ROOT), job.step,
                job.totalSteps, job.epoch, job.loss, job.versionName, baseModel, job.attempts, job.failureReason,
                checkpointKeys(job).stream().map(TrainingViews::stepOf).toList(), job.createdAt, job.startedAt,
                job.finishedAt);
    }

    /** The run's steps.csv as written by libs/training (header and one line per optimizer step). */
    public String lossCsv(UUID jobId) {
        TrainingJob job = owned(jobId);
        return new String(runFile(job, STEPS_LOG, "loss log"), StandardCharsets.UTF_8);
    }

    public List<LossPoint> loss(UUID jobId) {
        List<LossPoint> points = new ArrayList<>();
        for (String line : lossCsv(jobId).split("\r?\n")) {
            String[] fields = line.split(",");
            if (line.isBlank() || !Character.isDigit(line.charAt(0)) || fields.length < 4) {
                continue;
            }
            points.add(new LossPoint(Long.parseLong(fields[0]), Integer.parseInt(fields[1]),
                    Double.parseDouble(fields[2]), Double.parseDouble(fields[3])));
        }
        return points;
    }

    public byte[] lossPlot(UUID jobId) {
        return runFile(owned(jobId), LOSS_PLOT, "loss plot");
    }

    public TrainingDownloads downloads(UUID jobId) {
        TrainingJob job = owned(jobId);
        List<TrainingDownloads.CheckpointDownload> checkpoints = checkpointKeys(job).stream()
                .map(key -> new TrainingDownloads.CheckpointDownload(stepOf(key), store.presignedGet(key))).toList();
        return new TrainingDownloads(job.loraKey == null ? null : store.presignedGet(job.loraKey), checkpoints,
                clock.instant().plus(storage.presignExpiry()));
    }

    private TrainingJob owned(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> tenant.requireOwned(
                TrainingJob.<TrainingJob>findById(jobId), job -> job.tenantId, "training", jobId));
    }

    private byte[] runFile(TrainingJob job, String file, String what) {
        if (job.versionName == null) {
            throw ProblemException.notFound(what + " of training", job.jobId);
        }
        String key = ObjectKeys.pet(job.tenantId, job.petId.toString()).loraFile(job.versionName, file);
        try {
            return store.get(key);
        } catch (ObjectNotFoundException e) {
            throw ProblemException.notFound(what + " of training", job.jobId);
        }
    }

    private static List<String> checkpointKeys(TrainingJob job) {
        return JobLeases.checkpointKeys(job);
    }

    private static long stepOf(String checkpointKey) {
        Matcher matcher = CHECKPOINT_STEP.matcher(checkpointKey);
        if (!matcher.matches()) {
            throw new IllegalStateException("not a checkpoint key: " + checkpointKey);
        }
        return Long.parseLong(matcher.group(1));
    }
}
