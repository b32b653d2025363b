package com.pawprint.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pawprint.contracts.EventMetadata;
import com.pawprint.contracts.LoraTrained;
import com.pawprint.contracts.PetProfile;
import com.pawprint.contracts.Species;
import com.pawprint.contracts.TrainingConfig;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.lora.LoraPrecision;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.models.ModelRegistry;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * lora.trained events for tests, with a LoRA of the generated tiny model uploaded where trainer-service puts it.
 * The LoRA's up weights are random (a freshly created one has zero up weights and changes nothing), so strengths
 * and tenants' LoRAs give visibly different images.
 */
public final class RenderFixtures {

    /** The generated tiny model the test profile registers (pawprint.models.bootstrap-tiny-model). */
    public static final String TINY_MODEL = "tiny-sd";

    private RenderFixtures() {
    }

    /** The registered tiny model's file, fetched from the bucket into {@code dir}. */
    public static Path tinyModel(ObjectStore store, Path dir) {
        try {
            Path file = dir.resolve("tiny-sd.safetensors");
            if (!Files.exists(file)) {
                Files.write(file, store.get(ObjectKeys.modelFile(TINY_MODEL, ModelRegistry.MODEL_FILE)));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A LoRA file of the tiny model whose weights are a function of {@code seed}. */
    public static Path lora(StableDiffusion model, long seed, Path file) {
        try (NDManager manager = NDManager.newBaseManager();
             LoraNetwork network = LoraNetwork.create(new LoraBase(model.unetModules(), model.textEncoderModules()),
                     4, 4f, seed, manager)) {
            Random random = new Random(seed);
            for (NDArray parameter : network.parameters().values()) {
                float[] noise = new float[Math.toIntExact(parameter.size())];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) (random.nextGaussian() * 0.5);
                }
                try (NDArray added = manager.create(noise, parameter.getShape())) {
                    parameter.addi(added);
                }
            }
            network.save(file, LoraPrecision.FP32, Map.of("ss_output_name", file.getFileName().toString()));
            return file;
        }
    }

    /** Uploads {@code loraFile} as the pet's version and returns the lora.trained announcing it. */
    public static LoraTrained trained(ObjectStore store, String tenant, UUID petId, String version, Path loraFile) {
        ObjectKeys.PetKeys pet = ObjectKeys.pet(tenant, petId.toString());
        String key = pet.loraFile(version, version + ".safetensors");
        try {
            store.put(key, Files.readAllBytes(loraFile), "application/octet-stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LoraTrained(EventMetadata.newChain(tenant, petId, UUID.randomUUID()),
                new PetProfile("Mochi", Species.CAT, "British Shorthair", "mochi_cat"), key, version, 4, 4.0, 4, 1,
                TINY_MODEL, List.of(), List.of(), TrainingConfig.of(Map.of("base_model", TINY_MODEL)));
    }

    public static StableDiffusion load(Path modelFile) {
        return StableDiffusion.load(modelFile, ComputeDevice.cpu());
    }
}
