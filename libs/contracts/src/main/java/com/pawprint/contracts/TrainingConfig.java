package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A LoRA training config in the style of lora-scripts / kohya sd-scripts, with their snake_case option names
 * ({@code network_dim}, {@code network_alpha}, {@code optimizer_type}, {@code max_train_epochs} and
 * {@code train_batch_size} are accepted as aliases).
 *
 * <p>To add an option, add one component with its {@link OptionDefault} (and its rule to {@link #validate()} if it
 * has one): parsing, unknown-key detection, defaults and JSON names all follow from the component. Build configs
 * with {@link #defaults()}, {@link #of(Map)} or {@link TrainingConfigParser}, not with the constructor, whose
 * parameter list grows with each option.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = TrainingConfigDeserializer.class)
public record TrainingConfig(
        /* Folder of training images (the command only: the service trains on the job's photos). */
        String trainDataDir,
        /* CSV of filename,prompt rows (the command only); absent means {train_data_dir}/metadata.csv. */
        String metadataPath,
        /* Folder the LoRA, checkpoints and logs are written to (the command only); absent means ./output. */
        String outputDir,
        /* Name of a registered base model; the command also takes a checkpoint file or diffusers folder. */
        @OptionDefault("stable-diffusion-v1-5") String baseModel,
        /* Name of the trained LoRA; when absent the trainer names it from the pet, rank and epochs. */
        String outputName,
        @JsonAlias("network_dim") @OptionDefault("8") int loraRank,
        /* Absent means equal to the rank (kohya's rule for alpha None), so the LoRA scale alpha/rank is 1. */
        @JsonAlias("network_alpha") Double loraAlpha,
        @JsonAlias("train_batch_size") @OptionDefault("1") int batchSize,
        @JsonAlias("max_train_epochs") @OptionDefault("10") int epochs,
        /* When set, training stops after this many steps even if epochs remain. */
        Integer maxTrainSteps,
        @OptionDefault("1e-4") double learningRate,
        /* Absent means learning_rate. */
        Double unetLr,
        /* Absent means learning_rate. */
        Double textEncoderLr,
        @OptionDefault("cosine_with_restarts") LrScheduler lrScheduler,
        @OptionDefault("1") int lrSchedulerNumCycles,
        /* Power of the polynomial schedule (1 is linear decay). */
        @OptionDefault("1.0") double lrSchedulerPower,
        @OptionDefault("0") int lrWarmupSteps,
        @JsonAlias("optimizer_type") @OptionDefault("AdamW") Optimizer optimizer,
        /* Micro-batches whose gradients add up before one optimizer step. */
        @OptionDefault("1") int gradientAccumulationSteps,
        /* Gradient norm clipping before each step, as kohya's max_grad_norm; 0 turns it off. */
        @OptionDefault("1.0") double maxGradNorm,
        /* kohya trains both; false is kohya's network_train_unet_only, and lets text embeddings be cached. */
        @OptionDefault("true") boolean trainTextEncoder,
        /* Encode every image with the VAE once instead of at every step. */
        @OptionDefault("true") boolean cacheLatents,
        /* Aspect-ratio buckets (64-pixel steps, area at most resolution squared) instead of square crops. */
        @OptionDefault("true") boolean enableBucket,
        @OptionDefault("256") int minBucketReso,
        @OptionDefault("1024") int maxBucketReso,
        /* Save a checkpoint every this many steps; 0 saves only the final LoRA. */
        @OptionDefault("500") int saveSteps,
        /* Side of the square training resolution in pixels. */
        @OptionDefault("512") int resolution,
        @OptionDefault("1337") long seed,
        /* 0 turns noise offset off. */
        @OptionDefault("0") double noiseOffset,
        /* 0 turns min-SNR weighting off. */
        @OptionDefault("0") double minSnrGamma,
        @OptionDefault("1.0") double priorLossWeight,
        @OptionDefault("true") boolean shuffleCaption,
        /* The first caption token is the trigger token; keeping it in place is what makes it learn the pet. */
        @OptionDefault("1") int keepTokens,
        /* 1 (the last CLIP layer) suits SD 1.5 photographs; 2 is the anime-model habit. */
        @OptionDefault("1") int clipSkip,
        /* Object key of an earlier LoRA to continue training from. */
        String networkWeights,
        /* Object-key prefix of regularization (class) images. */
        String regDataDir,
        String classPrompt,
        /* Prompts rendered with the LoRA at each sample point; empty means no samples. */
        @OptionDefault("[]") List<String> samplePrompts,
        /* Render samples every this many steps (and at the end); 0 only at the end. */
        @JsonProperty("sample_every_n_steps") @OptionDefault("0") int sampleEveryNSteps,
        /* Fraction of the photos held out for the validation loss; 0 means none. */
        @OptionDefault("0") double validationSplit,
        /* fp16 applies on a GPU; the CPU trains in fp32. bf16 is refused: DJL's PyTorch engine has no bfloat16. */
        @OptionDefault("fp16") MixedPrecision mixedPrecision,
        @OptionDefault("auto") ReviewMode review) {

    public TrainingConfig {
        samplePrompts = samplePrompts == null ? List.of() : List.copyOf(samplePrompts);
    }

    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern OUTPUT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** Every option at its default. */
    public static TrainingConfig defaults() {
        return TrainingOptions.defaults();
    }

    /**
     * A config from option values keyed by their snake_case names, the rest at their defaults; checked like a
     * parsed document.
     *
     * @throws InvalidConfigException listing every unknown option, wrong type and broken rule
     */
    public static TrainingConfig of(Map<String, ?> options) {
        return TrainingConfigParser.parse(options, ConfigUse.SERVICE);
    }

    /** As {@link #of(Map)}, checked with the rules of {@code use}. */
    public static TrainingConfig of(Map<String, ?> options, ConfigUse use) {
        return TrainingConfigParser.parse(options, use);
    }

    /** The alpha the LoRA is scaled with (alpha / rank). */
    public double effectiveLoraAlpha() {
        return loraAlpha == null ? loraRank : loraAlpha;
    }

    /** The learning rate the UNet's LoRA trains with. */
    public double effectiveUnetLr() {
        return unetLr == null ? learningRate : unetLr;
    }

    /** The learning rate the text encoder's LoRA trains with. */
    public double effectiveTextEncoderLr() {
        return textEncoderLr == null ? learningRate : textEncoderLr;
    }

    /** The CSV of captions: {@code metadata_path}, else {@code metadata.csv} in {@code train_data_dir}. */
    public String effectiveMetadataPath() {
        return metadataPath != null ? metadataPath : trainDataDir == null ? null : trainDataDir + "/metadata.csv";
    }

    public String effectiveOutputDir() {
        return outputDir == null ? "./output" : outputDir;
    }

    /** Every rule this config breaks as the service reads it; empty when the config is usable. */
    public List<Violation> validate() {
        return validate(ConfigUse.SERVICE);
    }

    /** Every rule this config breaks for {@code use}, each naming its field; empty when the config is usable. */
    public List<Violation> validate(ConfigUse use) {
        Rules rules = new Rules();
        if (use == ConfigUse.SERVICE) {
            rules.matches("base_model", baseModel, MODEL_NAME,
                    "a model name of lower-case letters, digits, '.', '_' or '-' (at most 64 characters)");
            for (String localOnly : new String[] {trainDataDir == null ? null : "train_data_dir",
                    metadataPath == null ? null : "metadata_path", outputDir == null ? null : "output_dir"}) {
                if (localOnly != null) {
                    rules.add(localOnly, localOnly + " is for the pawprint-train command; the service trains on "
                            + "the job's photos");
                }
            }
        } else {
            rules.path("base_model", baseModel);
            if (trainDataDir == null) {
                rules.add("train_data_dir", "train_data_dir is required: the folder of training images");
            } else {
                rules.path("train_data_dir", trainDataDir);
            }
            if (metadataPath != null) {
                rules.path("metadata_path", metadataPath);
            }
            if (outputDir != null) {
                rules.path("output_dir", outputDir);
            }
        }
        if (outputName != null) {
            rules.matches("output_name", outputName, OUTPUT_NAME,
                    "letters, digits, '_' or '-' (at most 64 characters)");
        }
        rules.between("lora_rank", loraRank, 1, 128);
        if (loraAlpha != null) {
            rules.positiveAtMost("lora_alpha", loraAlpha, 128);
        }
        rules.between("batch_size", batchSize, 1, 16);
        rules.between("epochs", epochs, 1, 200);
        if (maxTrainSteps != null) {
            rules.between("max_train_steps", maxTrainSteps, 1, 100_000);
        }
        rules.positiveAtMost("learning_rate", learningRate, 1);
        if (unetLr != null) {
            rules.positiveAtMost("unet_lr", unetLr, 1);
        }
        if (textEncoderLr != null) {
            rules.positiveAtMost("text_encoder_lr", textEncoderLr, 1);
        }
        rules.between("lr_scheduler_num_cycles", lrSchedulerNumCycles, 1, 100);
        rules.between("lr_scheduler_power", lrSchedulerPower, 0.1, 10);
        rules.between("gradient_accumulation_steps", gradientAccumulationSteps, 1, 64);
        rules.between("max_grad_norm", maxGradNorm, 0, 100);
        rules.between("min_bucket_reso", minBucketReso, 64, 2048);
        rules.between("max_bucket_reso", maxBucketReso, 64, 2048);
        boolean resolutionValid = resolution >= 256 && resolution <= 1024 && resolution % 64 == 0;
        if (resolutionValid && (minBucketReso % 64 != 0 || maxBucketReso % 64 != 0 || minBucketReso > resolution
                || maxBucketReso < resolution)) {
            rules.add("min_bucket_reso", "bucket bounds must be multiples of 64 with min_bucket_reso <= resolution "
                    + "<= max_bucket_reso, got " + minBucketReso + " <= " + resolution + " <= " + maxBucketReso);
        }
        if (samplePrompts.size() > 16) {
            rules.add("sample_prompts", "sample_prompts may hold at most 16 prompts, got " + samplePrompts.size());
        }
        for (int i = 0; i < samplePrompts.size(); i++) {
            String prompt = samplePrompts.get(i);
            if (prompt == null || prompt.isBlank() || prompt.length() > 1000) {
                rules.add("sample_prompts", "sample_prompts[" + i + "] must be non-blank text of at most 1000 "
                        + "characters");
            }
        }
        rules.between("sample_every_n_steps", sampleEveryNSteps, 0, 100_000);
        rules.between("validation_split", validationSplit, 0, 0.5);
        if (mixedPrecision == MixedPrecision.BF16) {
            rules.add("mixed_precision", "mixed_precision bf16 is not supported: DJL's PyTorch engine has no "
                    + "bfloat16 (creating a bf16 array aborts the process); use fp16 or no");
        }
        rules.between("lr_warmup_steps", lrWarmupSteps, 0, 100_000);
        if (maxTrainSteps != null && maxTrainSteps >= 1 && lrWarmupSteps >= maxTrainSteps) {
            rules.add("lr_warmup_steps", "lr_warmup_steps must be less than max_train_steps (" + maxTrainSteps
                    + "), got " + lrWarmupSteps);
        }
        rules.between("save_steps", saveSteps, 0, 100_000);
        rules.between("resolution", resolution, 256, 1024);
        if (resolution % 64 != 0) {
            rules.add("resolution", "resolution must be a multiple of 64, got " + resolution);
        }
        rules.between("seed", seed, 0, 4_294_967_295L);
        rules.between("noise_offset", noiseOffset, 0, 1);
        rules.between("min_snr_gamma", minSnrGamma, 0, 20);
        rules.between("prior_loss_weight", priorLossWeight, 0, 10);
        rules.between("keep_tokens", keepTokens, 0, 75);
        rules.between("clip_skip", clipSkip, 1, 12);
        if (networkWeights != null) {
            rules.reference(use, "network_weights", networkWeights);
        }
        if (regDataDir != null) {
            rules.reference(use, "reg_data_dir", regDataDir);
            if (classPrompt == null || classPrompt.isBlank()) {
                rules.add("class_prompt", "class_prompt is required when reg_data_dir is set");
            }
        }
        return rules.violations;
    }

    private static final class Rules {
        private final List<Violation> violations = new ArrayList<>();

        void add(String field, String message) {
            violations.add(new Violation(field, message));
        }

        void between(String field, long value, long min, long max) {
            if (value < min || value > max) {
                add(field, field + " must be between " + min + " and " + max + ", got " + value);
            }
        }

        void between(String field, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                add(field, field + " must be between " + number(min) + " and " + number(max) + ", got "
                        + number(value));
            }
        }

        void positiveAtMost(String field, double value, double max) {
            if (!(value > 0 && value <= max)) {
                add(field, field + " must be greater than 0 and at most " + number(max) + ", got " + number(value));
            }
        }

        void matches(String field, String value, Pattern pattern, String description) {
            if (value == null || !pattern.matcher(value).matches()) {
                add(field, field + " must be " + description + ", got " + quoted(value));
            }
        }

        void objectKey(String field, String value) {
            if (value.isBlank() || value.startsWith("/") || value.contains("..") || value.contains("\\")
                    || value.length() > 1024) {
                add(field, field + " must be a relative object key without '..' or '\\' (at most 1024 "
                        + "characters), got " + quoted(value));
            }
        }

        /** An object key for the service, a local path for the command. */
        void reference(ConfigUse use, String field, String value) {
            if (use == ConfigUse.SERVICE) {
                objectKey(field, value);
            } else {
                path(field, value);
            }
        }

        void path(String field, String value) {
            if (value == null || value.isBlank() || value.length() > 4096 || value.indexOf('\0') >= 0) {
                add(field, field + " must be a file or folder path (at most 4096 characters), got "
                        + quoted(value));
            }
        }

        private static String number(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }

        private static String quoted(String value) {
            return value == null ? "nothing" : "\"" + value + "\"";
        }
    }
}
