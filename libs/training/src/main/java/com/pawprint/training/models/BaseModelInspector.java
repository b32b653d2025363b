package com.pawprint.training.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pawprint.diffusion.loader.CheckpointFormat;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.loader.StableDiffusionCheckpoint;
import com.pawprint.diffusion.loader.UnsupportedCheckpointException;
import com.pawprint.diffusion.pipeline.ModelFiles;
import com.pawprint.training.output.FileHashes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a base-model file is, before anyone trains on it: an SD 1.x checkpoint (the loader refuses SD 2, SDXL,
 * inpainting, pickles and LoRAs with their reason), and the configs it loads with. A single file carries no configs
 * unless PawPrint wrote them into it; it is then taken as SD 1.5, which is checked against its tensor shapes here
 * rather than failing later with a bare shape mismatch.
 */
public final class BaseModelInspector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BaseModelInspector() {
    }

    /**
     * The registry entry of {@code file}, to be found at {@code location} (a local path or an object key): inspected,
     * hashed, and marked with its licence.
     *
     * @throws IllegalArgumentException when the file is not an SD 1.x model, saying why
     */
    public static BaseModelEntry entry(String name, Path file, String location, String license,
            boolean commercialUse) {
        try {
            return new BaseModelEntry(name, location, Files.isRegularFile(file) ? FileHashes.sha256(file) : null,
                    "sd1", inspect(file), license, commercialUse);
        } catch (UnsupportedCheckpointException e) {
            throw new IllegalArgumentException("only SD 1.x base models are supported: " + e.getMessage());
        }
    }

    /** The configs of an SD 1.x checkpoint as diffusers config.json objects per component. */
    public static ObjectNode inspect(Path file) {
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(file)) {
            ModelConfigs configs = ModelFiles.declaredConfigs(checkpoint);
            boolean declared = checkpoint.format() != CheckpointFormat.LDM_SINGLE_FILE
                    || checkpoint.metadata().containsKey(ModelFiles.CONFIG_METADATA_KEY);
            long expected = configs.unet().blockOutChannels().get(0);
            long actual = checkpoint.unet().info("conv_in.weight").shape().get(0);
            if (actual != expected) {
                throw new UnsupportedCheckpointException(file + (declared ? " declares" : " carries no configs, so it"
                        + " is read as SD 1.5 with") + " UNet channels " + expected + ", but its conv_in has "
                        + actual + (declared ? "" : "; a single file of another size must carry its configs "
                        + "(metadata " + ModelFiles.CONFIG_METADATA_KEY + ", as pawprint-sd make-tiny writes) or be "
                        + "given as a diffusers folder"));
            }
            ObjectNode node = JSON.createObjectNode();
            node.set("text_encoder", ModelFiles.textEncoderJson(configs.textEncoder()));
            node.set("unet", ModelFiles.unetJson(configs.unet()));
            node.set("vae", ModelFiles.vaeJson(configs.vae()));
            return node;
        }
    }
}
