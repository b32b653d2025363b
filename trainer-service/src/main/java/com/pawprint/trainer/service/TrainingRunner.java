package com.pawprint.trainer.service;

import com.pawprint.contracts.CaptionsReady;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.InvalidConfigException;
import com.pawprint.contracts.JobProgress;
import com.pawprint.contracts.JobStatus;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.Stage;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.contracts.Violation;
import com.pawprint.messaging.JobProgressReporter;
import com.pawprint.storage.ObjectInfo;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import com.pawprint.tenancy.LogContext;
import com.pawprint.trainer.config.TrainerConfig;
import com.pawprint.trainer.service.ActiveRuns.RunControl;
import com.pawprint.trainer.service.ActiveRuns.StopReason;
import com.pawprint.trainer.service.DatasetDownloader.LocalDataset;
import com.pawprint.trainer.service.JobLeases.ClaimedJob;
import com.pawprint.trainer.storage.RunFiles;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.models.BaseModelUnavailableException;
import com.pawprint.models.BaseModels;
import com.pawprint.models.LoadedBaseModel;
import com.pawprint.training.dataset.DatasetException;
import com.pawprint.training.dataset.TrainingDataset;
import com.pawprint.training.models.LicenseException;
import com.pawprint.training.output.FileHashes;
import com.pawprint.training.output.VersionName;
import com.pawprint.training.run.BaseModel;
import com.pawprint.training.run.Checkpoint;
import com.pawprint.training.run.LoraTrainer;
import com.pawprint.training.run.TrainingListener;
import com.pawprint.training.run.TrainingOutcome;
import com.pawprint.training.run.TrainingPlan;
import com.pawprint.training.run.TrainingProgress;
import com.pawprint.training.run.TrainingSetupException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains one claimed job: downloads its dataset and base model, trains with {@link LoraTrainer} while a heartbeat
 * renews the lease, reports progress on jobs.progress, uploads checkpoints as they are written and the outputs at
 * the end, and marks the job COMPLETED with lora.trained in the outbox (or FAILED / CANCELED).
 */
@ApplicationScoped
public class TrainingRunner {

    private static final Logger LOG = Logger.getLogger(TrainingRunner.class);

    private final JobLeases leases;
    private final DatasetDownloader downloader;
    private final BaseModels models;
    private final RunFiles files;
    private final ObjectStore store;
    private final JobProgressReporter progress;
    private final ActiveRuns active;
    private final TrainerConfig config;
    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "trainer-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public TrainingRunner(JobLeases leases, DatasetDownloader downloader, BaseModels models, RunFiles files,
                          ObjectStore store, JobProgressReporter progress, ActiveRuns active, TrainerConfig config) {
        this.leases = leases;
        this.downloader = downloader;
        this.models = models;
        this.files = files;
        this.store = store;
        this.progress = progress;
        this.active = active;
        this.config = config;
    }

    /** Claims and trains one job as {@code owner}; false when no job was claimable. */
    public boolean runNext(String owner) {
        Optional<ClaimedJob> claimed = leases.claim(owner);
        claimed.ifPresent(this::run);
        return claimed.isPresent();
    }

    private void run(ClaimedJob job) {
        EventMetadata cause = job.event().metadata();
        RunControl control = active.start(job.jobId());
        Path jobDir = config.workDir().resolve("jobs").resolve(job.jobId() + "-" + VersionName.safeName(job.owner()));
        long period = Math.max(100, config.worker().leaseDuration().toMillis() / 3);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(job, control), period, period,
                TimeUnit.MILLISECONDS);
        try (LogContext.Scope ignored = LogContext.open(cause.tenantId(), job.jobId().toString())) {
            try {
                train(job, control, jobDir);
            } catch (TrainingInputException | BaseModelUnavailableException | DatasetException | TrainingSetupException | LicenseException e) {
                fail(job, e.getMessage());
            } catch (InvalidConfigException e) {
                fail(job, "invalid training config: " + e.violations().stream().map(Violation::message)
                        .collect(Collectors.joining("; ")));
            } catch (LeaseLostException e) {
                LOG.warn(e.getMessage());
            } catch (RuntimeException e) {
                // Not the job's fault (storage or database down, the worker's disk): retry elsewhere, a few times.
                LOG.errorf(e, "training attempt %d failed", job.attempts());
                if (job.attempts() >= config.worker().maxAttempts()) {
                    fail(job, "training failed " + job.attempts() + " times; the last error: " + e.getMessage());
                } else {
                    leases.release(job.jobId(), job.owner());
                }
            } finally {
                heartbeat.cancel(false);
                active.end(job.jobId(), control);
                deleteTree(jobDir);
            }
        }
    }

    private void train(ClaimedJob job, RunControl control, Path jobDir) {
        CaptionsReady event = job.event();
        EventMetadata cause = event.metadata();
        TrainingConfig serviceConfig = event.trainingConfig();
        LocalDataset local = downloader.download(event, jobDir);
        LoadedBaseModel model = models.load(serviceConfig.baseModel(), ComputeDevice.resolve(config.device()));
        TrainingConfig localConfig = ConfigJson.local(serviceConfig, local.dataDir(), local.networkWeights(),
                local.regDataDir());
        TrainingDataset dataset = TrainingDataset.read(local.dataDir(), local.metadataCsv(), local.regDataDir(),
                serviceConfig.classPrompt());
        TrainingPlan plan = new TrainingPlan(localConfig, dataset.withValidationSplit(localConfig.validationSplit(),
                localConfig.seed()));
        // output_name as the client wrote it (capitals included); a name taken from the pet is lower case (mochi_v1_...).
        String name = serviceConfig.outputName() != null ? serviceConfig.outputName()
                : VersionName.safeName(event.pet().name()).toLowerCase(Locale.ROOT);
        String version = leases.assignVersion(job.jobId(), job.owner(), name, serviceConfig.loraRank(),
                plan.epochs());
        ObjectKeys.PetKeys pet = ObjectKeys.pet(cause.tenantId(), cause.petId().toString());
        Path runDir = jobDir.resolve("run").resolve(version);
        Optional<Long> resumedAt = files.restoreLatestCheckpoint(pet, version, runDir);
        progress.statusChanged(cause, Stage.TRAINING, JobStatus.TRAINING, resumedAt
                .map(step -> "resuming " + version + " at step " + step).orElse("training " + version)
                + " on " + model.model().device());

        JobListener listener = new JobListener(job, control, pet, version, runDir);
        TrainingOutcome outcome = new LoraTrainer(model.model(), new BaseModel(model.entry().name(), model.entry().sha256(),
                FileHashes.legacyModelHash(model.file())), localConfig, dataset, runDir,
                version, config.sampleSteps(), listener, control.token()).train();
        switch (outcome.status()) {
            case COMPLETED -> complete(job, serviceConfig, model, plan, pet, version, runDir, outcome);
            case FAILED -> fail(job, outcome.reason().replace(runDir.toString() + "/", pet.loraPrefix(version)));
            case CANCELLED -> stopped(job, control.reason());
        }
    }

    private void complete(ClaimedJob job, TrainingConfig serviceConfig, LoadedBaseModel model, TrainingPlan plan,
                          ObjectKeys.PetKeys pet, String version, Path runDir, TrainingOutcome outcome) {
        List<String> outputs = files.uploadOutputs(pet, version, runDir);
        String loraKey = pet.loraFile(version, version + ".safetensors");
        // Every uploaded checkpoint of the version, including those of a worker this one took the job over from.
        List<String> checkpointKeys = store.list(pet.loraFile(version, "checkpoints") + "/").stream()
                .map(ObjectInfo::key).filter(key -> key.endsWith("/" + Checkpoint.LORA)).sorted().toList();
        List<String> logKeys = outputs.stream().filter(key -> !key.equals(loraKey)).toList();
        LoraTrained trained = new LoraTrained(job.event().metadata().next(), job.event().pet(), loraKey, version,
                serviceConfig.loraRank(), serviceConfig.effectiveLoraAlpha(), outcome.steps(), plan.epochs(),
                model.entry().name(), checkpointKeys, logKeys, serviceConfig);
        if (leases.completed(job.jobId(), job.owner(), trained)) {
            LOG.infof("trained %s in %d steps", version, outcome.steps());
        } else {
            LOG.warnf("trained %s, but the job is no longer this worker's; not announcing it", version);
        }
    }

    private void stopped(ClaimedJob job, StopReason reason) {
        switch (reason == null ? StopReason.SHUTDOWN : reason) {
            case CANCEL_REQUESTED -> {
                leases.cancelled(job.jobId(), job.owner());
                LOG.info("training cancelled; the last checkpoint is kept");
            }
            case LEASE_LOST -> LOG.warn("stopped training: another worker holds the job now");
            case SHUTDOWN -> leases.release(job.jobId(), job.owner());
        }
    }

    private void fail(ClaimedJob job, String reason) {
        LOG.warnf("training failed: %s", reason);
        if (leases.failed(job.jobId(), job.owner(), reason)) {
            progress.failed(job.event().metadata(), Stage.TRAINING, reason);
        }
    }

    private void beat(ClaimedJob job, RunControl control) {
        try {
            if (!leases.renew(job.jobId(), job.owner())) {
                control.stop(StopReason.LEASE_LOST);
            } else if (leases.cancelRequested(job.jobId())) {
                control.stop(StopReason.CANCEL_REQUESTED);
            }
        } catch (RuntimeException e) {
            // The database may be back by the next beat; the lease is longer than three beats.
            LOG.warnf("lease heartbeat failed: %s", e.getMessage());
        }
    }

    /** Hears the run: progress to the job row and jobs.progress, checkpoints to object storage. */
    private final class JobListener implements TrainingListener {
        private final ClaimedJob job;
        private final RunControl control;
        private final ObjectKeys.PetKeys pet;
        private final String version;
        private final Path runDir;

        JobListener(ClaimedJob job, RunControl control, ObjectKeys.PetKeys pet, String version, Path runDir) {
            this.job = job;
            this.control = control;
            this.pet = pet;
            this.version = version;
            this.runDir = runDir;
        }

        @Override
        public void stepped(TrainingProgress step) {
            if (!leases.recordStep(job.jobId(), job.owner(), step.step(), step.totalSteps(), step.epoch(),
                    step.loss())) {
                control.stop(StopReason.LEASE_LOST);
                return;
            }
            Double loss = Double.isFinite(step.loss()) ? step.loss() : null;
            Long eta = Double.isFinite(step.etaSeconds()) ? Math.round(step.etaSeconds()) : null;
            progress.publish(new JobProgress(job.event().metadata().next(), Stage.TRAINING, JobStatus.TRAINING,
                    step.step(), step.totalSteps(), Math.min(100, step.percent()), eta, loss,
                    String.format(Locale.ROOT, "epoch %d/%d, %.2f it/s", step.epoch(), step.epochs(),
                            step.iterationsPerSecond()), null));
        }

        @Override
        public void checkpointed(Checkpoint checkpoint) {
            if (control.reason() == StopReason.LEASE_LOST) {
                // The new owner writes this version's checkpoints now; this worker's last one stays local.
                return;
            }
            String key = files.uploadCheckpoint(pet, version, runDir, checkpoint);
            if (!leases.recordCheckpoint(job.jobId(), job.owner(), key)) {
                control.stop(StopReason.LEASE_LOST);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", dir, e.getMessage());
        }
    }

    @PreDestroy
    void stopHeartbeats() {
        heartbeats.shutdownNow();
    }
}
