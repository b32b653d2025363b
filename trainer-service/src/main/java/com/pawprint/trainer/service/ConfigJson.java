package com.pawprint.trainer.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pawprint.contracts.ConfigFormat;
import com.pawprint.contracts.ConfigUse;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.contracts.TrainingConfigParser;

import java.nio.file.Path;

/**
 * A training config as stored JSON (lora-scripts' snake_case keys, as in events), and the local-folder form of it
 * that {@code LoraTrainer} reads: the command's rules, with the downloaded dataset and files in place of object keys.
 */
public final class ConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ConfigJson() {
    }

    public static String write(TrainingConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a training config always serializes", e);
        }
    }

    public static TrainingConfig read(String json) {
        return TrainingConfigParser.parse(json, ConfigFormat.JSON, ConfigUse.SERVICE);
    }

    /**
     * The config with local paths: {@code train_data_dir} the downloaded dataset, {@code network_weights} and
     * {@code reg_data_dir} the downloaded files (or absent). Everything else is unchanged.
     */
    public static TrainingConfig local(TrainingConfig config, Path dataDir, Path networkWeights, Path regDataDir) {
        ObjectNode tree = JSON.valueToTree(config);
        tree.put("train_data_dir", dataDir.toString());
        tree.remove("network_weights");
        tree.remove("reg_data_dir");
        if (networkWeights != null) {
            tree.put("network_weights", networkWeights.toString());
        }
        if (regDataDir != null) {
            tree.put("reg_data_dir", regDataDir.toString());
        }
        return TrainingConfigParser.parse(tree.toString(), ConfigFormat.JSON, ConfigUse.COMMAND);
    }
}
