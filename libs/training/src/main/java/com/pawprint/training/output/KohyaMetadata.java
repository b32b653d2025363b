package com.pawprint.training.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.training.dataset.TrainingDataset;
import com.pawprint.training.run.BaseModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ss_*} training fields kohya's train_network writes into a LoRA file (every value a string, Python's
 * spelling of booleans and tuples), which A1111's and ComfyUI's LoRA browsers show. The network's own fields
 * (dim, alpha, module, base version, hashes) are the engine's.
 */
public final class KohyaMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KohyaMetadata() {
    }

    public static Map<String, String> of(TrainingConfig config, TrainingDataset dataset, BaseModel baseModel,
            String outputName, String optimizerName, int epoch, long steps, long maxSteps, long startedAt,
            long finishedAt, String sessionId) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ss_session_id", sessionId);
        m.put("ss_training_started_at", Long.toString(startedAt));
        m.put("ss_training_finished_at", Long.toString(finishedAt));
        m.put("ss_output_name", outputName);
        m.put("ss_learning_rate", Double.toString(config.learningRate()));
        m.put("ss_unet_lr", Double.toString(config.effectiveUnetLr()));
        m.put("ss_text_encoder_lr", config.trainTextEncoder() ? Double.toString(config.effectiveTextEncoderLr())
                : "None");
        m.put("ss_network_train_unet_only", python(!config.trainTextEncoder()));
        m.put("ss_num_train_images", Integer.toString(dataset.training().size()));
        m.put("ss_num_validation_images", Integer.toString(dataset.validation().size()));
        m.put("ss_num_reg_images", Integer.toString(dataset.regularization().size()));
        m.put("ss_num_epochs", Integer.toString(epoch));
        m.put("ss_epoch", Integer.toString(epoch));
        m.put("ss_steps", Long.toString(steps));
        m.put("ss_max_train_steps", Long.toString(maxSteps));
        m.put("ss_lr_warmup_steps", Integer.toString(config.lrWarmupSteps()));
        m.put("ss_lr_scheduler", json(config.lrScheduler()).replace("\"", ""));
        m.put("ss_lr_scheduler_num_cycles", Integer.toString(config.lrSchedulerNumCycles()));
        m.put("ss_lr_scheduler_power", Double.toString(config.lrSchedulerPower()));
        m.put("ss_optimizer", optimizerName);
        m.put("ss_max_grad_norm", Double.toString(config.maxGradNorm()));
        m.put("ss_resolution", "(" + config.resolution() + ", " + config.resolution() + ")");
        m.put("ss_enable_bucket", python(config.enableBucket()));
        m.put("ss_min_bucket_reso", Integer.toString(config.minBucketReso()));
        m.put("ss_max_bucket_reso", Integer.toString(config.maxBucketReso()));
        m.put("ss_batch_size_per_device", Integer.toString(config.batchSize()));
        m.put("ss_gradient_accumulation_steps", Integer.toString(config.gradientAccumulationSteps()));
        m.put("ss_mixed_precision", json(config.mixedPrecision()).replace("\"", ""));
        m.put("ss_cache_latents", python(config.cacheLatents()));
        m.put("ss_clip_skip", Integer.toString(config.clipSkip()));
        m.put("ss_shuffle_caption", python(config.shuffleCaption()));
        m.put("ss_keep_tokens", Integer.toString(config.keepTokens()));
        m.put("ss_noise_offset", Double.toString(config.noiseOffset()));
        m.put("ss_min_snr_gamma", Double.toString(config.minSnrGamma()));
        m.put("ss_prior_loss_weight", Double.toString(config.priorLossWeight()));
        m.put("ss_seed", Long.toString(config.seed()));
        m.put("ss_sd_model_name", baseModel.name());
        if (baseModel.legacyHash() != null) {
            m.put("ss_sd_model_hash", baseModel.legacyHash());
            m.put("ss_new_sd_model_hash", baseModel.sha256());
        }
        if (config.networkWeights() != null) {
            m.put("ss_network_weights", config.networkWeights());
        }
        m.put("ss_tag_frequency", json(dataset.tagFrequency()));
        Map<String, Object> dirs = new LinkedHashMap<>();
        dirs.put(dataset.name(), Map.of("n_repeats", 1, "img_count", dataset.training().size()));
        m.put("ss_dataset_dirs", json(dirs));
        return m;
    }

    private static String python(boolean value) {
        return value ? "True" : "False";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata value does not serialise", e);
        }
    }
}
