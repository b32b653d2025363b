package com.pawprint.training.run;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.contracts.Optimizer;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraComponent;
import com.pawprint.diffusion.lora.LoraFileException;
import com.pawprint.diffusion.lora.LoraModule;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.lora.LoraPrecision;
import com.pawprint.diffusion.lora.LoraTrainingStep;
import com.pawprint.diffusion.optim.AdamW;
import com.pawprint.diffusion.optim.AdamWConfig;
import com.pawprint.diffusion.optim.LossScaler;
import com.pawprint.diffusion.pipeline.CancellationToken;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.schedulers.SeededNoise;
import com.pawprint.training.dataset.BucketResolution;
import com.pawprint.training.dataset.CaptionShuffle;
import com.pawprint.training.dataset.ImageTensors;
import com.pawprint.training.dataset.TrainingDataset;
import com.pawprint.training.dataset.TrainingImage;
import com.pawprint.training.logs.LossPlot;
import com.pawprint.training.logs.StepRecord;
import com.pawprint.training.logs.TrainingLogs;
import com.pawprint.training.output.ExperimentRecord;
import com.pawprint.training.output.FileHashes;
import com.pawprint.training.output.KohyaMetadata;
import com.pawprint.training.schedule.LearningRateSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * One LoRA training run as kohya's train_network does it, in an output folder that holds everything the run makes:
 * the final {@code <version>.safetensors} and {@code <version>.json}, {@code checkpoints/}, {@code logs/} (CSV and
 * TensorBoard), {@code samples/} and {@code loss.png}. A folder with checkpoints resumes from the latest; the result
 * is then identical to a run that was never interrupted.
 */
public final class LoraTrainer {

    /** Timesteps the validation loss is measured at, with fixed noise, so its values compare across steps. */
    static final long[] VALIDATION_TIMESTEPS = {100, 300, 500, 700, 900};
    /** A loss this many times the run's average so far, after {@link #EXPLOSION_WARMUP} steps, stops the run. */
    static final double EXPLOSION_FACTOR = 20;
    static final int EXPLOSION_WARMUP = 5;

    private final StableDiffusion model;
    private final BaseModel baseModel;
    private final TrainingConfig config;
    private final TrainingDataset dataset;
    private final Path outputDir;
    private final String versionName;
    private final int sampleSteps;
    private final TrainingListener listener;
    private final CancellationToken cancellation;
    private final TrainingPlan plan;
    private final LearningRateSchedule schedule;

    /**
     * @param sampleSteps sampler steps per sample image (20 is kohya's default)
     */
    public LoraTrainer(StableDiffusion model, BaseModel baseModel, TrainingConfig config, TrainingDataset dataset,
            Path outputDir, String versionName, int sampleSteps, TrainingListener listener,
            CancellationToken cancellation) {
        this.model = model;
        this.baseModel = baseModel;
        this.config = config;
        this.dataset = dataset.withValidationSplit(config.validationSplit(), config.seed());
        this.outputDir = outputDir;
        this.versionName = versionName;
        this.sampleSteps = sampleSteps;
        this.listener = listener;
        this.cancellation = cancellation;
        this.plan = new TrainingPlan(config, this.dataset);
        this.schedule = new LearningRateSchedule(config.lrScheduler(), plan.totalSteps(),
                Math.min(config.lrWarmupSteps(), plan.totalSteps() - 1), config.lrSchedulerNumCycles(),
                config.lrSchedulerPower());
    }

    public TrainingPlan plan() {
        return plan;
    }

    public Path checkpointsDir() {
        return outputDir.resolve("checkpoints");
    }

    /** Trains to the end, to a cancel, or to a failure it describes; never leaves a half-written checkpoint. */
    public TrainingOutcome train() {
        return model.exclusively(this::run);
    }

    private TrainingOutcome run() {
        long startedAt = System.currentTimeMillis() / 1000;
        long startNanos = System.nanoTime();
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output_dir " + outputDir, e);
        }
        Checkpoint resumed = Checkpoint.latest(checkpointsDir()).orElse(null);
        boolean halfPrecision = model.device().dtype() == DataType.FLOAT16;
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<double[]> validationLosses = new ArrayList<>();
        NDManager manager = model.manager().newSubManager();
        try (manager;
                LoraNetwork network = network(resumed, manager);
                AdamW optimizer = new AdamW(AdamWConfig.defaults(), manager);
                TrainingLogs logs = TrainingLogs.open(outputDir.resolve("logs"), resumed == null ? 0
                        : resumed.state().step())) {
            // After open: it drops what an interrupted run logged past its checkpoint.
            validationLosses.addAll(TrainingLogs.readValidation(logs.dir()));
            RunState state = resumed == null
                    ? RunState.fresh(halfPrecision ? LossScaler.INITIAL_SCALE : 1) : resumed.state();
            if (resumed != null) {
                optimizer.load(resumed.optimizer(), network.parameters());
            }
            LossScaler scaler = halfPrecision
                    ? LossScaler.resumed(state.lossScale(), LossScaler.GROWTH_INTERVAL, state.lossScaleGoodSteps())
                    : LossScaler.disabled();
            Map<TrainingImage, NDArray> latents = new IdentityHashMap<>();
            if (config.cacheLatents()) {
                cacheLatents(latents, manager);
            }
            listener.started(plan, state.step());
            Double initialValidation = null;
            try (LoraTrainingStep training = new LoraTrainingStep(model.unet(), network, model.noiseSchedule(),
                    optimizer, config.trainTextEncoder(), config.minSnrGamma(), scaler)) {
                if (resumed == null && !dataset.validation().isEmpty()) {
                    initialValidation = validationLoss(latents, manager);
                    validationLosses.add(new double[] {0, initialValidation});
                    logs.validation(0, 0, initialValidation);
                    listener.validated(0, initialValidation);
                } else if (!validationLosses.isEmpty()) {
                    initialValidation = validationLosses.get(0)[1];
                }
                Loop loop = new Loop(training, network, optimizer, scaler, logs, latents, manager, checkpoints,
                        validationLosses, startNanos);
                String stopReason = loop.run(state);
                Timing timing = loop.timing();
                if (stopReason != null) {
                    boolean cancelled = stopReason.equals(Loop.CANCELLED);
                    Path last = checkpoints.isEmpty() ? Checkpoint.latest(checkpointsDir()).map(Checkpoint::dir)
                            .orElse(null) : checkpoints.get(checkpoints.size() - 1).dir();
                    String reason = cancelled ? "cancelled at step " + loop.state.step() + "; resume from "
                            + last : stopReason + (last == null ? "; no checkpoint was saved"
                                    : "; the last good checkpoint is " + last);
                    return finish(cancelled ? TrainingOutcome.Status.CANCELLED : TrainingOutcome.Status.FAILED,
                            reason, null, loop.state, checkpoints, validationLosses, initialValidation, startedAt,
                            timing);
                }
                Path lora = outputDir.resolve(versionName + ".safetensors");
                if (!dataset.validation().isEmpty()
                        && validationLosses.get(validationLosses.size() - 1)[0] != loop.state.step()) {
                    double loss = validationLoss(latents, manager);
                    validationLosses.add(new double[] {loop.state.step(), loss});
                    logs.validation(loop.state.step(), loop.state.epoch(), loss);
                    listener.validated(loop.state.step(), loss);
                }
                network.save(lora, LoraPrecision.FP16, metadata(loop.state, startedAt));
                if (!config.samplePrompts().isEmpty()) {
                    samples(loop.state.step());
                }
                return finish(TrainingOutcome.Status.COMPLETED, null, lora, loop.state, checkpoints,
                        validationLosses, initialValidation, startedAt, timing);
            }
        } catch (EngineException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("out of memory")) {
                return failed("the GPU ran out of memory: lower batch_size or resolution (or max_bucket_reso), "
                        + "or train with mixed_precision fp16", checkpoints);
            }
            throw e;
        }
    }

    private TrainingOutcome failed(String reason, List<Checkpoint> checkpoints) {
        return new TrainingOutcome(TrainingOutcome.Status.FAILED, reason, null, null, 0, checkpoints, null, false,
                null, null);
    }

    private LoraNetwork network(Checkpoint resumed, NDManager manager) {
        LoraBase base = new LoraBase(model.unetModules(), model.textEncoderModules());
        if (resumed != null) {
            return LoraNetwork.load(resumed.lora(), base, manager).makeTrainable();
        }
        if (config.networkWeights() == null) {
            return LoraNetwork.create(base, config.loraRank(), (float) config.effectiveLoraAlpha(), config.seed(),
                    manager);
        }
        Path file = Path.of(config.networkWeights());
        LoraNetwork network;
        try {
            network = LoraNetwork.load(file, base, manager);
        } catch (LoraFileException e) {
            throw new TrainingSetupException("network_weights " + file + " does not fit this base model: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            throw new TrainingSetupException("network_weights " + file + " is not a readable LoRA file: "
                    + e.getMessage());
        }
        LoraModule first = network.modules().get(0);
        List<String> problems = new ArrayList<>();
        if (network.modules().stream().anyMatch(module -> module.rank() != config.loraRank())) {
            problems.add("its rank is " + first.rank() + " but lora_rank is " + config.loraRank()
                    + " (set lora_rank: " + first.rank() + ")");
        }
        if (config.loraAlpha() != null && network.modules().stream()
                .anyMatch(module -> module.alpha() != config.loraAlpha().floatValue())) {
            problems.add("its alpha is " + first.alpha() + " but lora_alpha is " + config.loraAlpha()
                    + " (remove lora_alpha to take the file's)");
        }
        if (config.trainTextEncoder() && network.modules(LoraComponent.TEXT_ENCODER).isEmpty()) {
            problems.add("it has no text-encoder modules (set train_text_encoder: false)");
        }
        if (!problems.isEmpty()) {
            network.close();
            throw new TrainingSetupException("network_weights " + file + " does not match the config: "
                    + String.join("; ", problems));
        }
        return network.makeTrainable();
    }

    private void cacheLatents(Map<TrainingImage, NDArray> cache, NDManager manager) {
        List<TrainingImage> all = new ArrayList<>(dataset.training());
        all.addAll(dataset.validation());
        all.addAll(dataset.regularization());
        for (int i = 0; i < all.size(); i++) {
            TrainingImage image = all.get(i);
            if (!cache.containsKey(image)) {
                NDArray latent = encode(image, new SeededNoise(config.seed() ^ (0x5eed_1a7eL + i)), manager);
                NDScope.unregister(latent);
                cache.put(image, latent);
            }
        }
    }

    /** The VAE latent of one image, {@code [1, 4, h/8, w/8]}, scaled; sampled from its distribution as kohya does. */
    private NDArray encode(TrainingImage image, SeededNoise noise, NDManager manager) {
        BucketResolution bucket = plan.bucketOf(image);
        float[] pixels = ImageTensors.toChw(TrainingDataset.decode(image), bucket);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray input = manager.create(pixels, new Shape(1, 3, bucket.height(), bucket.width()))
                    .toType(model.device().dtype(), false).toDevice(model.device().device(), false);
            NDArray latent;
            try (var distribution = model.vae().encode(input)) {
                latent = distribution.sample(noise);
            }
            NDArray scaled = latent.mul((float) model.vae().scalingFactor()).duplicate();
            NDScope.unregister(scaled);
            scaled.attach(manager);
            return scaled;
        }
    }

    private NDArray latentsOf(List<TrainingImage> batch, Map<TrainingImage, NDArray> cache, SplittableRandom random,
            NDManager manager) {
        NDList parts = new NDList();
        for (TrainingImage image : batch) {
            parts.add(cache.containsKey(image) ? cache.get(image)
                    : encode(image, new SeededNoise(random.nextLong()), manager));
        }
        NDArray joined = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts, 0);
        if (!config.cacheLatents()) {
            parts.forEach(NDArray::close);
        }
        return joined;
    }

    private NDArray tokenIds(List<String> captions, NDManager manager) {
        long[][] ids = new long[captions.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = model.tokenizer().tokenize(captions.get(i)).inputIdsAsLongs();
        }
        long[] flat = new long[ids.length * ids[0].length];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(ids[i], 0, flat, i * ids[0].length, ids[0].length);
        }
        // A native copy: the embedding's backward keeps the ids (see Scalars in the engine).
        return manager.create(flat, new Shape(ids.length, ids[0].length)).duplicate();
    }

    /** Mean MSE over the held-out photos at fixed timesteps and noise, with the LoRA attached and no gradients. */
    private double validationLoss(Map<TrainingImage, NDArray> cache, NDManager manager) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < dataset.validation().size(); i++) {
            TrainingImage image = dataset.validation().get(i);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray latent = cache.containsKey(image) ? cache.get(image)
                        : encode(image, new SeededNoise(config.seed() ^ (0x7a1dL + i)), manager);
                NDArray context = model.textEncoder().encode(tokenIds(List.of(image.caption()), manager),
                        config.clipSkip());
                for (int t = 0; t < VALIDATION_TIMESTEPS.length; t++) {
                    NDArray noise = new SeededNoise(config.seed() * 31 + i * 7L + t)
                            .gaussian(manager, latent.getShape()).toType(latent.getDataType(), false);
                    NDArray timesteps = manager.create(new long[] {VALIDATION_TIMESTEPS[t]});
                    NDArray noisy = model.noiseSchedule().addNoise(latent, noise, timesteps);
                    NDArray target = model.noiseSchedule().target(latent, noise, timesteps);
                    NDArray prediction = model.unet().forward(noisy, timesteps, context);
                    sum += prediction.toType(DataType.FLOAT32, false).sub(target.toType(DataType.FLOAT32, false))
                            .square().mean().getFloat();
                    count++;
                }
            }
        }
        return sum / count;
    }

    private void samples(long step) {
        Path dir = outputDir.resolve("samples");
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < config.samplePrompts().size(); i++) {
                Txt2ImgRequest request = Txt2ImgRequest.builder(config.samplePrompts().get(i))
                        .steps(sampleSteps).seed(config.seed() + i).size(config.resolution(), config.resolution())
                        .clipSkip(config.clipSkip()).build();
                var result = model.generate(request);
                Path file = dir.resolve(String.format("%s_step%08d_%02d.png", versionName, step, i));
                ImageIO.write(result.images().get(0), "png", file.toFile());
                listener.sampled(step, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write samples in " + dir, e);
        }
    }

    private Map<String, String> metadata(RunState state, long startedAt) {
        int epochsStarted = state.batchInEpoch() > 0 ? state.epoch() + 1 : state.epoch();
        return KohyaMetadata.of(config, dataset, baseModel, versionName, optimizerName(), epochsStarted,
                state.step(), plan.totalSteps(), startedAt, System.currentTimeMillis() / 1000,
                UUID.nameUUIDFromBytes((versionName + config.seed()).getBytes()).toString());
    }

    private String optimizerName() {
        // No bitsandbytes on the JVM: AdamW8bit trains as AdamW with fp32 state, and says so.
        return "torch.optim.adamw.AdamW(weight_decay=0.01,betas=(0.9, 0.999))"
                + (config.optimizer() == Optimizer.ADAMW_8BIT ? " (AdamW8bit requested)" : "");
    }

    private TrainingOutcome finish(TrainingOutcome.Status status, String reason, Path lora, RunState state,
            List<Checkpoint> checkpoints, List<double[]> validationLosses, Double initialValidation,
            long startedAt, Timing timing) {
        Path best = null;
        boolean overfitting = false;
        ValidationCurve curve = new ValidationCurve(validationLosses);
        if (curve.measured()) {
            overfitting = curve.overfitting();
            long bestStep = curve.bestStep();
            Path bestDir = checkpointsDir().resolve(Checkpoint.folderName(bestStep));
            best = bestStep == state.step() && lora != null ? lora : Files.isDirectory(bestDir) ? bestDir : null;
        }
        List<StepRecord> steps = TrainingLogs.readSteps(outputDir.resolve("logs"));
        if (!steps.isEmpty()) {
            LossPlot.write(outputDir.resolve("loss.png"), versionName, steps, validationLosses);
        }
        Path recordFile = outputDir.resolve(versionName + ".json");
        List<Path> images = new ArrayList<>();
        dataset.training().forEach(image -> images.add(image.file()));
        ExperimentRecord record = new ExperimentRecord(versionName, status.name().toLowerCase(Locale.ROOT), reason,
                config, baseModel, new ExperimentRecord.Dataset(dataset.name(), dataset.training().size(),
                        dataset.validation().size(), dataset.regularization().size(),
                        FileHashes.sha256OfFiles(images)), config.seed(), versions(), model.device().toString(),
                model.device().dtype() == DataType.FLOAT16 ? "fp16 weights, fp32 LoRA masters and AdamW state"
                        : "fp32", new ExperimentRecord.Losses(steps.isEmpty() ? null : steps.get(0).loss(),
                        steps.isEmpty() ? null : steps.get(steps.size() - 1).loss(),
                        steps.isEmpty() ? null : steps.get(steps.size() - 1).averageLoss()),
                validationLosses, new ExperimentRecord.Timings(startedAt, System.currentTimeMillis() / 1000,
                        timing.seconds(), timing.secondsToFirstStep(), timing.stepsPerSecond()),
                best == null ? null : best.toString(), overfitting,
                lora == null ? null : FileHashes.sha256(lora));
        record.write(recordFile);
        Double finalValidation = validationLosses.isEmpty() ? null
                : validationLosses.get(validationLosses.size() - 1)[1];
        return new TrainingOutcome(status, reason, lora, recordFile, state.step(), checkpoints, best, overfitting,
                initialValidation, finalValidation);
    }

    private static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("pawprint", String.valueOf(LoraTrainer.class.getPackage().getImplementationVersion()));
        versions.put("djl", ai.djl.engine.Engine.getDjlVersion());
        versions.put("pytorch", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    private record Timing(double seconds, double secondsToFirstStep, double stepsPerSecond) {
    }

    /** The step loop with its mutable state, so the run's setup and ending read apart from it. */
    private final class Loop {
        static final String CANCELLED = "cancelled";

        private final LoraTrainingStep training;
        private final LoraNetwork network;
        private final AdamW optimizer;
        private final LossScaler scaler;
        private final TrainingLogs logs;
        private final Map<TrainingImage, NDArray> latents;
        private final NDManager manager;
        private final List<Checkpoint> checkpoints;
        private final List<double[]> validationLosses;
        private final long startNanos;
        private final Map<String, NDArray> frozenEmbeddings = new HashMap<>();
        private RunState state;
        private long firstStepNanos;
        private long stepsThisSession;

        Loop(LoraTrainingStep training, LoraNetwork network, AdamW optimizer, LossScaler scaler, TrainingLogs logs,
                Map<TrainingImage, NDArray> latents, NDManager manager, List<Checkpoint> checkpoints,
                List<double[]> validationLosses, long startNanos) {
            this.training = training;
            this.network = network;
            this.optimizer = optimizer;
            this.scaler = scaler;
            this.logs = logs;
            this.latents = latents;
            this.manager = manager;
            this.checkpoints = checkpoints;
            this.validationLosses = validationLosses;
            this.startNanos = startNanos;
        }

        /** Runs from {@code from} to the end; returns null when done, else why it stopped. */
        String run(RunState from) {
            state = from;
            long total = plan.totalSteps();
            while (state.step() < total && state.epoch() < plan.epochs()) {
                List<List<TrainingImage>> batches = plan.batches(state.epoch());
                double stepLoss = 0;
                int micro = 0;
                for (int b = state.batchInEpoch(); b < batches.size() && state.step() < total; b++) {
                    float loss;
                    try {
                        loss = microBatch(batches.get(b), state.microBatches());
                    } catch (IllegalStateException e) {
                        return "the loss became " + e.getMessage().replaceFirst("training loss is ", "")
                                .replaceFirst(";.*", "") + " at step " + (state.step() + 1);
                    }
                    stepLoss += loss;
                    micro++;
                    state = new RunState(state.step(), state.epoch(), b + 1, state.microBatches() + 1,
                            state.epochLossSum(), state.epochLossCount(), state.lossScale(),
                            state.lossScaleGoodSteps());
                    boolean lastOfEpoch = b == batches.size() - 1;
                    if (micro == config.gradientAccumulationSteps() || lastOfEpoch) {
                        String problem = optimizerStep(stepLoss / micro, lastOfEpoch ? batches.size() : b + 1);
                        stepLoss = 0;
                        micro = 0;
                        if (problem != null) {
                            return problem;
                        }
                    }
                }
                if (state.batchInEpoch() >= batches.size()) {
                    logs.epoch(state.epoch() + 1, state.epochLossCount() == 0 ? 0
                            : state.epochLossSum() / state.epochLossCount());
                    state = new RunState(state.step(), state.epoch() + 1, 0, state.microBatches(), 0, 0,
                            state.lossScale(), state.lossScaleGoodSteps());
                }
            }
            return null;
        }

        private float microBatch(List<TrainingImage> batch, long microIndex) {
            SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + microIndex);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x0 = latentsOf(batch, latents, random, manager);
                Shape shape = x0.getShape();
                NDArray noise = new SeededNoise(random.nextLong()).gaussian(manager, shape);
                if (config.noiseOffset() > 0) {
                    NDArray offset = new SeededNoise(random.nextLong())
                            .gaussian(manager, new Shape(shape.get(0), shape.get(1), 1, 1));
                    noise = noise.add(offset.mul((float) config.noiseOffset()));
                }
                noise = noise.toType(x0.getDataType(), false).duplicate();
                NDArray timesteps = model.noiseSchedule().sampleTimesteps(manager, batch.size(), random);
                Random captionRandom = new Random(random.nextLong());
                List<String> captions = new ArrayList<>();
                float[] weights = new float[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    TrainingImage image = batch.get(i);
                    captions.add(config.shuffleCaption() && !image.regularization()
                            ? CaptionShuffle.shuffled(image.caption(), config.keepTokens(), captionRandom)
                            : image.caption());
                    weights[i] = image.regularization() ? (float) config.priorLossWeight() : 1f;
                }
                Supplier<NDArray> conditioning = conditioning(captions);
                return training.accumulate(x0, noise, timesteps, weights, config.gradientAccumulationSteps(),
                        conditioning);
            }
        }

        /** The text encoder inside the step when it trains; otherwise embeddings made without gradients. */
        private Supplier<NDArray> conditioning(List<String> captions) {
            if (config.trainTextEncoder()) {
                NDArray ids = tokenIds(captions, manager);
                return () -> model.textEncoder().encode(ids, config.clipSkip());
            }
            NDList parts = new NDList();
            for (String caption : captions) {
                NDArray cached = frozenEmbeddings.get(caption);
                if (cached == null) {
                    cached = model.textEncoder().encode(tokenIds(List.of(caption), manager), config.clipSkip());
                    if (!config.shuffleCaption()) {
                        cached = cached.duplicate();
                        NDScope.unregister(cached);
                        frozenEmbeddings.put(caption, cached);
                    }
                }
                parts.add(cached);
            }
            NDArray context = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            return () -> context;
        }

        private String optimizerStep(double loss, int batchesDone) {
            long step = state.step();
            double unetRate = schedule.rate(config.effectiveUnetLr(), step);
            double textRate = config.trainTextEncoder() ? schedule.rate(config.effectiveTextEncoderLr(), step) : 0;
            LoraTrainingStep.Update update;
            try {
                update = training.update(unetRate, textRate, config.maxGradNorm());
            } catch (IllegalStateException e) {
                return "the gradients became non-finite at step " + (step + 1);
            }
            double average = (state.epochLossSum() + loss) / (state.epochLossCount() + 1);
            if (!Double.isFinite(loss) || (step >= EXPLOSION_WARMUP && loss > EXPLOSION_FACTOR * average)) {
                return "the loss exploded to " + loss + " at step " + (step + 1) + " (the average was " + average
                        + "); lower learning_rate";
            }
            state = new RunState(step + 1, state.epoch(), batchesDone, state.microBatches(),
                    state.epochLossSum() + loss, state.epochLossCount() + 1, scaler.scale(), scaler.goodSteps());
            long now = System.nanoTime();
            stepsThisSession++;
            if (stepsThisSession == 1) {
                firstStepNanos = now;
            }
            double rate = stepsThisSession < 2 ? 0 : (stepsThisSession - 1) / ((now - firstStepNanos) / 1e9);
            double eta = rate == 0 ? Double.NaN : (plan.totalSteps() - state.step()) / rate;
            logs.step(new StepRecord(state.step(), state.epoch() + 1, loss, average, unetRate, textRate, rate,
                    update.gradientNorm(), update.lossScale()));
            listener.stepped(new TrainingProgress(state.step(), plan.totalSteps(), state.epoch() + 1, plan.epochs(),
                    loss, average, rate, eta));
            boolean saved = false;
            if (config.saveSteps() > 0 && state.step() % config.saveSteps() == 0 && state.step() < plan.totalSteps()) {
                checkpoint();
                saved = true;
            }
            if (config.sampleEveryNSteps() > 0 && state.step() % config.sampleEveryNSteps() == 0
                    && !config.samplePrompts().isEmpty() && state.step() < plan.totalSteps()) {
                samples(state.step());
            }
            if (cancellation.isCancelled() && state.step() < plan.totalSteps()) {
                if (!saved) {
                    checkpoint();
                }
                return CANCELLED;
            }
            return null;
        }

        private void checkpoint() {
            Path staging = Checkpoint.staging(checkpointsDir(), state.step());
            network.save(staging.resolve(Checkpoint.LORA), LoraPrecision.FP32,
                    metadata(state, System.currentTimeMillis() / 1000));
            optimizer.save(staging.resolve(Checkpoint.OPTIMIZER));
            Checkpoint checkpoint = Checkpoint.commit(staging, state);
            checkpoints.add(checkpoint);
            listener.checkpointed(checkpoint);
            if (!dataset.validation().isEmpty()) {
                double loss = validationLoss(latents, manager);
                validationLosses.add(new double[] {state.step(), loss});
                logs.validation(state.step(), state.epoch() + 1, loss);
                listener.validated(state.step(), loss);
            }
        }

        Timing timing() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double toFirst = firstStepNanos == 0 ? Double.NaN : (firstStepNanos - startNanos) / 1e9;
            double rate = stepsThisSession < 2 ? Double.NaN
                    : (stepsThisSession - 1) / ((System.nanoTime() - firstStepNanos) / 1e9);
            return new Timing(seconds, toFirst, rate);
        }
    }
}
