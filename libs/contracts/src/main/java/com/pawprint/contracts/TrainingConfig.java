package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
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
        /* Name of a registered base model, stored under models/{name}/. */
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
        @OptionDefault("0") int lrWarmupSteps,
        @JsonAlias("optimizer_type") @OptionDefault("AdamW") Optimizer optimizer,
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
        @OptionDefault("fp16") MixedPrecision mixedPrecision,
        @OptionDefault("auto") ReviewMode review) {

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
        return TrainingConfigParser.parse(options);
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

    /** Every rule this config breaks, each naming its field; empty when the config is usable. */
    public List<Violation> validate() {
        Rules rules = new Rules();
        rules.matches("base_model", baseModel, MODEL_NAME,
                "a model name of lower-case letters, digits, '.', '_' or '-' (at most 64 characters)");
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
            rules.objectKey("network_weights", networkWeights);
        }
        if (regDataDir != null) {
            rules.objectKey("reg_data_dir", regDataDir);
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

        private static String number(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }

        private static String quoted(String value) {
            return value == null ? "nothing" : "\"" + value + "\"";
        }
    }
}
