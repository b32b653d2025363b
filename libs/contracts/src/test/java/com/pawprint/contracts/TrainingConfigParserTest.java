package com.pawprint.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingConfigParserTest {

    @Test
    void readsYaml() {
        TrainingConfig config = TrainingConfigParser.parse("""
                base_model: stable-diffusion-v1-5
                lora_rank: 16
                lora_alpha: 8
                batch_size: 2
                epochs: 15
                learning_rate: 1e-4
                text_encoder_lr: 5.0e-5
                lr_scheduler: cosine
                optimizer: AdamW8bit
                save_steps: 250
                resolution: 768
                noise_offset: 0.05
                min_snr_gamma: 5
                shuffle_caption: false
                network_weights: tenants/acme/pets/p/loras/mochi_v1/mochi_v1.safetensors
                review: manual
                """, ConfigFormat.YAML);
        assertEquals(16, config.loraRank());
        assertEquals(8.0, config.effectiveLoraAlpha());
        assertEquals(2, config.batchSize());
        assertEquals(15, config.epochs());
        assertEquals(1e-4, config.learningRate());
        assertEquals(1e-4, config.effectiveUnetLr());
        assertEquals(5e-5, config.effectiveTextEncoderLr());
        assertEquals(LrScheduler.COSINE, config.lrScheduler());
        assertEquals(Optimizer.ADAMW_8BIT, config.optimizer());
        assertEquals(250, config.saveSteps());
        assertEquals(768, config.resolution());
        assertEquals(0.05, config.noiseOffset());
        assertEquals(5.0, config.minSnrGamma());
        assertEquals(false, config.shuffleCaption());
        assertEquals("tenants/acme/pets/p/loras/mochi_v1/mochi_v1.safetensors", config.networkWeights());
        assertEquals(ReviewMode.MANUAL, config.review());
        assertEquals(TrainingConfig.defaults().clipSkip(), config.clipSkip());
    }

    @Test
    void readsJson() {
        TrainingConfig config = TrainingConfigParser.parse(
                "{\"lora_rank\": 4, \"epochs\": 3, \"learning_rate\": 0.0002, \"lr_scheduler\": \"constant\"}",
                ConfigFormat.JSON);
        assertEquals(TrainingConfig.of(Map.of("lora_rank", 4, "epochs", 3, "learning_rate", 0.0002,
                "lr_scheduler", "constant")), config);
        assertNull(config.loraAlpha());
        assertEquals(4.0, config.effectiveLoraAlpha(), "alpha defaults to the rank");
    }

    @Test
    void kohyaNamesAreAliases() {
        TrainingConfig config = TrainingConfigParser.parse("""
                network_dim: 32
                network_alpha: 16
                optimizer_type: adamw
                max_train_epochs: 20
                train_batch_size: 4
                """, ConfigFormat.YAML);
        assertEquals(32, config.loraRank());
        assertEquals(16.0, config.effectiveLoraAlpha());
        assertEquals(Optimizer.ADAMW, config.optimizer());
        assertEquals(20, config.epochs());
        assertEquals(4, config.batchSize());
    }

    @Test
    void defaultsFollowLoraScriptsAndAreValid() {
        TrainingConfig defaults = TrainingConfig.defaults();
        assertEquals(List.of(), defaults.validate());
        assertEquals("stable-diffusion-v1-5", defaults.baseModel());
        assertEquals(8, defaults.loraRank());
        assertEquals(8.0, defaults.effectiveLoraAlpha());
        assertEquals(1, defaults.batchSize());
        assertEquals(10, defaults.epochs());
        assertEquals(1e-4, defaults.learningRate());
        assertEquals(LrScheduler.COSINE_WITH_RESTARTS, defaults.lrScheduler());
        assertEquals(512, defaults.resolution());
        assertEquals(ReviewMode.AUTO, defaults.review());
        assertNull(defaults.maxTrainSteps());
        assertNull(defaults.networkWeights());
    }

    @Test
    void emptyTextAndExplicitNullsMeanDefaults() {
        assertEquals(TrainingConfig.defaults(), TrainingConfigParser.parse("", ConfigFormat.JSON));
        assertEquals(TrainingConfig.defaults(), TrainingConfigParser.parse("---\n", ConfigFormat.YAML));
        assertEquals(TrainingConfig.defaults(), TrainingConfigParser.parse("{\"lora_rank\": null}", ConfigFormat.JSON));
    }

    @Test
    void unknownOptionsAreRefusedByName() {
        Violation violation = onlyViolation("lora_rnak: 8", ConfigFormat.YAML);
        assertEquals("lora_rnak", violation.field());
        assertTrue(violation.message().startsWith("unknown option 'lora_rnak'; known options are train_data_dir, "
                + "metadata_path, output_dir, base_model, output_name, lora_rank,"), violation.message());
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        assertEquals(new Violation("lora_rank", "lora_rank must be an integer, got \"eight\""),
                onlyViolation("lora_rank: eight", ConfigFormat.YAML));
        assertEquals(new Violation("lora_rank", "lora_rank must be an integer, got 8.5"),
                onlyViolation("{\"lora_rank\": 8.5}", ConfigFormat.JSON));
        assertEquals(new Violation("learning_rate", "learning_rate must be a number, got [1,2]"),
                onlyViolation("learning_rate: [1, 2]", ConfigFormat.YAML));
        assertEquals(new Violation("shuffle_caption", "shuffle_caption must be true or false, got \"sometimes\""),
                onlyViolation("shuffle_caption: sometimes", ConfigFormat.YAML));
        assertEquals(new Violation("lr_scheduler", "lr_scheduler must be one of constant, constant_with_warmup, "
                        + "linear, cosine, cosine_with_restarts, polynomial, got \"cosine_annealing\""),
                onlyViolation("lr_scheduler: cosine_annealing", ConfigFormat.YAML));
        assertEquals(new Violation("review", "review must be one of auto, manual, got \"later\""),
                onlyViolation("review: later", ConfigFormat.YAML));
    }

    @Test
    void textTheDatabaseCannotStoreIsRefusedByOption() {
        assertEquals(new Violation("output_name", "output_name contains the control character U+0000 at position "
                        + "3; only tab, line feed and carriage return are allowed"),
                onlyViolation("{\"output_name\": \"rex\\u0000\"}", ConfigFormat.JSON));
        assertEquals("sample_prompts", onlyViolation("sample_prompts: [\"a dog\", \"sks\\x1b dog\"]",
                ConfigFormat.YAML).field());
    }

    @Test
    void malformedTextIsRefusedWithItsPosition() {
        Violation yaml = onlyViolation("lora_rank: 8\n  epochs: [3\n", ConfigFormat.YAML);
        assertEquals(Violation.DOCUMENT, yaml.field());
        assertTrue(yaml.message().startsWith("malformed YAML at line 2, column "), yaml.message());

        Violation json = onlyViolation("{\"lora_rank\": 8,", ConfigFormat.JSON);
        assertTrue(json.message().startsWith("malformed JSON at line 1, column "), json.message());

        Violation duplicate = onlyViolation("lora_rank: 8\nlora_rank: 16\n", ConfigFormat.YAML);
        assertTrue(duplicate.message().contains("Duplicate field 'lora_rank'"), duplicate.message());
    }

    @Test
    void theDocumentMustBeAMapping() {
        assertEquals(new Violation(Violation.DOCUMENT,
                        "config must be a mapping of option names to values, got array [8,16]"),
                onlyViolation("[8, 16]", ConfigFormat.JSON));
        assertEquals(new Violation(Violation.DOCUMENT,
                        "config must be a mapping of option names to values, got string \"lora_rank\""),
                onlyViolation("lora_rank", ConfigFormat.YAML));
    }

    @Test
    void anOptionGivenByNameAndAliasIsRefused() {
        assertEquals(new Violation("lora_rank", "lora_rank is given twice, as 'lora_rank' and as 'network_dim'"),
                onlyViolation("lora_rank: 8\nnetwork_dim: 16\n", ConfigFormat.YAML));
    }

    @Test
    void overlongDocumentsAreRefusedBeforeParsing() {
        String huge = "# " + "x".repeat(TrainingConfigParser.MAX_LENGTH) + "\n";
        assertEquals(new Violation(Violation.DOCUMENT, "config must be at most 65536 characters, got 65539"),
                onlyViolation(huge, ConfigFormat.YAML));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TrainingConfigParser.parse("""
                lora_rank: 0
                epochs: many
                resolution: 500
                colour: blue
                """, ConfigFormat.YAML));
        assertEquals(List.of("colour", "epochs", "lora_rank", "resolution"),
                e.violations().stream().map(Violation::field).sorted().toList());
        assertTrue(e.getMessage().startsWith("invalid training config: "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            base_model: Not/A/Name       | base_model must be a model name of lower-case letters, digits, '.', '_' or '-' (at most 64 characters), got "Not/A/Name"
            output_name: ../evil         | output_name must be letters, digits, '_' or '-' (at most 64 characters), got "../evil"
            lora_rank: 0                 | lora_rank must be between 1 and 128, got 0
            lora_rank: 256               | lora_rank must be between 1 and 128, got 256
            lora_alpha: 0                | lora_alpha must be greater than 0 and at most 128, got 0
            batch_size: 0                | batch_size must be between 1 and 16, got 0
            epochs: 0                    | epochs must be between 1 and 200, got 0
            max_train_steps: 0           | max_train_steps must be between 1 and 100000, got 0
            learning_rate: 0             | learning_rate must be greater than 0 and at most 1, got 0
            learning_rate: 2             | learning_rate must be greater than 0 and at most 1, got 2
            unet_lr: -1e-4               | unet_lr must be greater than 0 and at most 1, got -1.0E-4
            text_encoder_lr: 0           | text_encoder_lr must be greater than 0 and at most 1, got 0
            lr_scheduler_num_cycles: 0   | lr_scheduler_num_cycles must be between 1 and 100, got 0
            lr_warmup_steps: -1          | lr_warmup_steps must be between 0 and 100000, got -1
            save_steps: -5               | save_steps must be between 0 and 100000, got -5
            resolution: 128              | resolution must be between 256 and 1024, got 128
            resolution: 520              | resolution must be a multiple of 64, got 520
            seed: -1                     | seed must be between 0 and 4294967295, got -1
            noise_offset: 1.5            | noise_offset must be between 0 and 1, got 1.5
            min_snr_gamma: 50            | min_snr_gamma must be between 0 and 20, got 50
            prior_loss_weight: -0.5      | prior_loss_weight must be between 0 and 10, got -0.5
            keep_tokens: 80              | keep_tokens must be between 0 and 75, got 80
            clip_skip: 0                 | clip_skip must be between 1 and 12, got 0
            network_weights: ../../x     | network_weights must be a relative object key without '..' or '\\' (at most 1024 characters), got "../../x"
            """)
    void everyRuleNamesItsField(String yaml, String message) {
        Violation violation = onlyViolation(yaml, ConfigFormat.YAML);
        assertEquals(message, violation.message());
        assertEquals(yaml.substring(0, yaml.indexOf(':')), violation.field());
    }

    @Test
    void warmUpMustEndBeforeTheLastStep() {
        assertEquals(new Violation("lr_warmup_steps", "lr_warmup_steps must be less than max_train_steps (100), got 100"),
                onlyViolation("max_train_steps: 100\nlr_warmup_steps: 100\n", ConfigFormat.YAML));
    }

    @Test
    void regularizationNeedsAClassPrompt() {
        assertEquals(new Violation("class_prompt", "class_prompt is required when reg_data_dir is set"),
                onlyViolation("reg_data_dir: models/reg/cat\n", ConfigFormat.YAML));
        assertEquals(new Violation("reg_data_dir", "reg_data_dir must be a relative object key without '..' or "
                        + "'\\' (at most 1024 characters), got \"/etc\""),
                onlyViolation("reg_data_dir: /etc\nclass_prompt: a photo of a cat\n", ConfigFormat.YAML));
        TrainingConfig config = TrainingConfigParser.parse(
                "reg_data_dir: models/reg/cat\nclass_prompt: a photo of a cat\nprior_loss_weight: 0.5\n",
                ConfigFormat.YAML);
        assertEquals("a photo of a cat", config.classPrompt());
    }

    @Test
    void mediaTypesNameTheFormat() {
        assertEquals(ConfigFormat.JSON, ConfigFormat.fromMediaType("application/json; charset=UTF-8").orElseThrow());
        assertEquals(ConfigFormat.YAML, ConfigFormat.fromMediaType("application/yaml").orElseThrow());
        assertEquals(ConfigFormat.YAML, ConfigFormat.fromMediaType("text/x-yaml").orElseThrow());
        assertTrue(ConfigFormat.fromMediaType("text/plain").isEmpty());
        assertTrue(ConfigFormat.fromMediaType(null).isEmpty());
    }

    @Test
    void theLoraScriptsExampleRunsAsACommandConfig() {
        TrainingConfig config = TrainingConfigParser.parse("""
                train_data_dir: "./data/cat_train"
                metadata_path: "./data/cat_train/metadata.csv"
                base_model: "./models/Stable-diffusion/v1-5-pruned.safetensors"
                lora_rank: 8
                batch_size: 4
                epochs: 15
                learning_rate: 2e-4
                output_dir: "./output/my_cat_lora"
                save_steps: 100
                """, ConfigFormat.YAML, ConfigUse.COMMAND);
        assertEquals("./data/cat_train", config.trainDataDir());
        assertEquals("./data/cat_train/metadata.csv", config.effectiveMetadataPath());
        assertEquals("./models/Stable-diffusion/v1-5-pruned.safetensors", config.baseModel());
        assertEquals(2e-4, config.learningRate(), "YAML 1.1 reads 2e-4 as text; it still means the number");
        assertEquals("./output/my_cat_lora", config.effectiveOutputDir());
        assertEquals(100, config.saveSteps());

        TrainingConfig minimal = TrainingConfigParser.parse("train_data_dir: pics\n", ConfigFormat.YAML,
                ConfigUse.COMMAND);
        assertEquals("pics/metadata.csv", minimal.effectiveMetadataPath());
        assertEquals("./output", minimal.effectiveOutputDir());
        InvalidConfigException missing = assertThrows(InvalidConfigException.class,
                () -> TrainingConfigParser.parse("epochs: 2\n", ConfigFormat.YAML, ConfigUse.COMMAND));
        assertEquals("train_data_dir", missing.violations().get(0).field());
    }

    @Test
    void theServiceRefusesLocalPathsNamingTheCommand() {
        Violation violation = onlyViolation("train_data_dir: ./data\n", ConfigFormat.YAML);
        assertEquals("train_data_dir", violation.field());
        assertTrue(violation.message().contains("pawprint-train"), violation.message());
        assertEquals("base_model", onlyViolation("base_model: ./models/v1-5.safetensors\n",
                ConfigFormat.YAML).field());
    }

    @Test
    void trainingLoopOptionsHaveDocumentedDefaultsAndRanges() {
        TrainingConfig defaults = TrainingConfig.defaults();
        assertEquals(1, defaults.gradientAccumulationSteps());
        assertEquals(1.0, defaults.maxGradNorm());
        assertTrue(defaults.trainTextEncoder());
        assertTrue(defaults.cacheLatents());
        assertTrue(defaults.enableBucket());
        assertEquals(256, defaults.minBucketReso());
        assertEquals(1024, defaults.maxBucketReso());
        assertEquals(List.of(), defaults.samplePrompts());
        assertEquals(0, defaults.sampleEveryNSteps());
        assertEquals(0.0, defaults.validationSplit());
        assertEquals(1.0, defaults.lrSchedulerPower());

        TrainingConfig config = TrainingConfigParser.parse("""
                lr_scheduler: polynomial
                lr_scheduler_power: 2
                gradient_accumulation_steps: 4
                train_text_encoder: false
                sample_prompts: ["sks cat on a mug", "sks cat, sticker style"]
                sample_every_n_steps: 50
                validation_split: 0.2
                """, ConfigFormat.YAML);
        assertEquals(LrScheduler.POLYNOMIAL, config.lrScheduler());
        assertEquals(List.of("sks cat on a mug", "sks cat, sticker style"), config.samplePrompts());
        assertEquals(4, config.gradientAccumulationSteps());

        assertEquals(new Violation("gradient_accumulation_steps",
                "gradient_accumulation_steps must be between 1 and 64, got 0"),
                onlyViolation("gradient_accumulation_steps: 0\n", ConfigFormat.YAML));
        assertEquals(new Violation("validation_split", "validation_split must be between 0 and 0.5, got 0.9"),
                onlyViolation("validation_split: 0.9\n", ConfigFormat.YAML));
        assertEquals("min_bucket_reso", onlyViolation("min_bucket_reso: 640\n", ConfigFormat.YAML).field());
        assertEquals(new Violation("sample_prompts", "sample_prompts must be a list of strings, got 3"),
                onlyViolation("sample_prompts: 3\n", ConfigFormat.YAML));
    }

    @Test
    void bf16IsRefusedWithTheEnginesReason() {
        Violation violation = onlyViolation("mixed_precision: bf16\n", ConfigFormat.YAML);
        assertEquals("mixed_precision", violation.field());
        assertTrue(violation.message().contains("no bfloat16"), violation.message());
    }

    private static Violation onlyViolation(String text, ConfigFormat format) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> TrainingConfigParser.parse(text, format));
        assertEquals(1, e.violations().size(), () -> "violations: " + e.violations());
        return e.violations().get(0);
    }
}
