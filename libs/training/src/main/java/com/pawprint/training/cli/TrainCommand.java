package com.pawprint.training.cli;

import ai.djl.ndarray.types.DataType;
import com.pawprint.contracts.ConfigFormat;
import com.pawprint.contracts.ConfigUse;
import com.pawprint.contracts.InvalidConfigException;
import com.pawprint.contracts.MixedPrecision;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.contracts.TrainingConfigParser;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.pipeline.CancellationToken;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.training.dataset.DatasetException;
import com.pawprint.training.dataset.TrainingDataset;
import com.pawprint.training.models.BaseModelEntry;
import com.pawprint.training.models.BaseModelRegistry;
import com.pawprint.training.output.FileHashes;
import com.pawprint.training.output.VersionName;
import com.pawprint.training.run.BaseModel;
import com.pawprint.training.run.Checkpoint;
import com.pawprint.training.run.LoraTrainer;
import com.pawprint.training.run.TrainingOutcome;
import com.pawprint.training.run.TrainingPlan;
import com.pawprint.training.run.TrainingSetupException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code pawprint-train --config my_lora_config.yaml}: lora-scripts' command on local folders, with no services.
 * Each run writes {@code output_dir/<name>_v<N>_rank<r>_ep<e>/}; {@code --resume} continues the newest such folder
 * from its last checkpoint instead of starting version N+1. Ctrl-C saves a checkpoint before exiting.
 */
public final class TrainCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CANCELLED = 130;
    static final Path DEFAULT_REGISTRY = Path.of("models", "registry");

    private static final String USAGE_TEXT = """
            usage: pawprint-train --config FILE.yaml [--resume] [--device auto|cpu|cuda:N] [--sample-steps N]
                                  [--registry DIR]
                   pawprint-train register-model --name NAME --file CHECKPOINT --license LICENSE
                                  [--non-commercial] [--registry DIR]
              --config          a lora-scripts style YAML (or .json) training config
              --resume          continue the newest run in output_dir from its last checkpoint
              --device          where to train (default auto: the first GPU, else the CPU)
              --sample-steps    sampler steps for sample_prompts images (default 20)
              --registry        the base-model registry folder (default ./models/registry); base_model may
                                name a registered model instead of a file
              register-model    inspect (SD 1.x only), hash and record a base model with its licence""";

    private TrainCommand() {
    }

    public static void main(String[] args) {
        CancellationToken cancellation = new CancellationToken();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            cancellation.cancel();
            try {
                main.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        int code = run(args, System.out, System.err, cancellation);
        Runtime.getRuntime().removeShutdownHook(hook);
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err, CancellationToken cancellation) {
        if (args.length > 0 && args[0].equals("register-model")) {
            return registerModel(args, out, err);
        }
        Path configFile = null;
        boolean resume = false;
        String device = "auto";
        int sampleSteps = 20;
        Path registry = DEFAULT_REGISTRY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--registry" -> registry = i + 1 < args.length ? Path.of(args[++i]) : registry;
                case "--config" -> configFile = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--resume" -> resume = true;
                case "--device" -> device = i + 1 < args.length ? args[++i] : device;
                case "--sample-steps" -> {
                    try {
                        sampleSteps = Integer.parseInt(args[++i]);
                    } catch (RuntimeException e) {
                        err.println("--sample-steps needs a whole number");
                        return USAGE;
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE_TEXT);
                    return OK;
                }
                default -> {
                    err.println("unknown argument '" + args[i] + "'\n" + USAGE_TEXT);
                    return USAGE;
                }
            }
        }
        if (configFile == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            return train(configFile, resume, device, sampleSteps, new BaseModelRegistry(registry), out, err,
                    cancellation);
        } catch (InvalidConfigException e) {
            err.println("invalid config " + configFile + ":");
            e.violations().forEach(v -> err.println("  " + v.field() + ": " + v.message()));
            return USAGE;
        } catch (DatasetException e) {
            err.println("the dataset cannot be trained on:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return USAGE;
        } catch (TrainingSetupException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
    }

    private static int registerModel(String[] args, PrintStream out, PrintStream err) {
        String name = null;
        Path file = null;
        String license = null;
        boolean commercial = true;
        Path registry = DEFAULT_REGISTRY;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--name" -> name = i + 1 < args.length ? args[++i] : null;
                case "--file" -> file = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--license" -> license = i + 1 < args.length ? args[++i] : null;
                case "--registry" -> registry = i + 1 < args.length ? Path.of(args[++i]) : registry;
                case "--non-commercial" -> commercial = false;
                default -> {
                    err.println("unknown argument '" + args[i] + "'\n" + USAGE_TEXT);
                    return USAGE;
                }
            }
        }
        if (name == null || file == null || license == null) {
            err.println("register-model needs --name, --file and --license\n" + USAGE_TEXT);
            return USAGE;
        }
        try {
            BaseModelEntry entry = new BaseModelRegistry(registry).register(name, file, license, commercial);
            out.println("registered " + entry.name() + " (" + entry.architecture() + ", " + entry.license()
                    + (entry.commercialUse() ? ", commercial use allowed" : ", no commercial use") + ") sha256 "
                    + entry.sha256());
            return OK;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
    }

    private static int train(Path configFile, boolean resume, String deviceOption, int sampleSteps,
            BaseModelRegistry registry, PrintStream out, PrintStream err, CancellationToken cancellation) {
        String text;
        try {
            text = Files.readString(configFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + configFile + ": " + e.getMessage());
        }
        ConfigFormat format = configFile.toString().endsWith(".json") ? ConfigFormat.JSON : ConfigFormat.YAML;
        // Relative paths in the config are relative to where the command runs, as in lora-scripts.
        TrainingConfig config = TrainingConfigParser.parse(text, format, ConfigUse.COMMAND);
        Path dataDir = Path.of(config.trainDataDir());
        Path metadata = Path.of(config.effectiveMetadataPath());
        TrainingDataset dataset = TrainingDataset.read(dataDir,
                config.metadataPath() == null && !Files.exists(metadata) ? null : metadata,
                config.regDataDir() == null ? null : Path.of(config.regDataDir()), config.classPrompt());
        Optional<BaseModelEntry> registered = Files.exists(Path.of(config.baseModel())) ? Optional.empty()
                : registry.find(config.baseModel());
        Path modelPath = registered.map(entry -> Path.of(entry.file())).orElse(Path.of(config.baseModel()));
        if (!Files.exists(modelPath)) {
            throw new IllegalArgumentException("base_model " + config.baseModel() + " is neither a checkpoint file, "
                    + "a diffusers folder nor a registered model (make a small one with: libs/diffusion/bin/"
                    + "pawprint-sd make-tiny DIR, and register models with pawprint-train register-model)");
        }
        ComputeDevice device = ComputeDevice.resolve(deviceOption);
        if (device.isGpu() && config.mixedPrecision() == MixedPrecision.NO) {
            device = new ComputeDevice(device.device(), DataType.FLOAT32);
        }
        Path outputRoot = Path.of(config.effectiveOutputDir());
        String name = config.outputName() != null ? config.outputName()
                : VersionName.safeName(dataDir.toAbsolutePath().normalize().getFileName().toString());
        out.println("base model " + modelPath + " on " + device);
        long loadStart = System.nanoTime();
        try (StableDiffusion model = StableDiffusion.load(modelPath, device)) {
            String sha256 = registered.map(BaseModelEntry::sha256).orElseGet(() ->
                    Files.isRegularFile(modelPath) ? FileHashes.sha256(modelPath) : null);
            BaseModel baseModel = new BaseModel(registered.map(BaseModelEntry::name)
                    .orElse(modelPath.getFileName().toString()), sha256,
                    Files.isRegularFile(modelPath) ? FileHashes.legacyModelHash(modelPath) : null);
            Path runDir = resume ? latestRun(outputRoot, name).orElseThrow(() -> new IllegalArgumentException(
                    "--resume: no run of '" + name + "' with a checkpoint in " + outputRoot)) : null;
            String versionName;
            if (runDir != null) {
                versionName = runDir.getFileName().toString();
            } else {
                TrainingPlan plan = new TrainingPlan(config, dataset.withValidationSplit(config.validationSplit(),
                        config.seed()));
                versionName = new VersionName(name, VersionName.nextVersion(outputRoot, name), config.loraRank(),
                        plan.epochs()).toString();
                runDir = outputRoot.resolve(versionName);
            }
            ProgressBar progress = new ProgressBar(out, System.console() != null, loadStart);
            LoraTrainer trainer = new LoraTrainer(model, baseModel, config, dataset, runDir, versionName,
                    sampleSteps, progress, cancellation);
            TrainingOutcome outcome = trainer.train();
            progress.finish();
            return report(outcome, runDir, out, err);
        }
    }

    private static int report(TrainingOutcome outcome, Path runDir, PrintStream out, PrintStream err) {
        switch (outcome.status()) {
            case COMPLETED -> {
                out.println("trained " + outcome.steps() + " steps: " + outcome.lora());
                if (outcome.finalValidationLoss() != null) {
                    out.printf(Locale.ROOT, "validation loss %.5f (untrained %.5f)%n", outcome.finalValidationLoss(),
                            outcome.initialValidationLoss());
                }
                if (outcome.overfitting()) {
                    out.println("warning: the validation loss rose after its best point; the best checkpoint is "
                            + outcome.bestCheckpoint());
                }
                out.println("logs, loss plot and experiment record in " + runDir);
                return OK;
            }
            case CANCELLED -> {
                err.println(outcome.reason() + " (run again with --resume)");
                return CANCELLED;
            }
            default -> {
                err.println("training failed: " + outcome.reason());
                return FAILED;
            }
        }
    }

    /** The newest {@code name_v<N>_*} folder in {@code outputRoot} that holds a checkpoint. */
    static Optional<Path> latestRun(Path outputRoot, String name) {
        if (!Files.isDirectory(outputRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(outputRoot)) {
            return runs.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().matches(
                            java.util.regex.Pattern.quote(name) + "_v\\d+_.*"))
                    .filter(dir -> Checkpoint.latest(dir.resolve("checkpoints")).isPresent())
                    .max(Comparator.comparingInt(dir -> version(dir.getFileName().toString(), name)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + outputRoot + ": " + e.getMessage());
        }
    }

    private static int version(String folder, String name) {
        String rest = folder.substring(name.length() + 2);
        return Integer.parseInt(rest.substring(0, rest.indexOf('_')));
    }
}
