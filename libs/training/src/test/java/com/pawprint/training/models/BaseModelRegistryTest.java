package com.pawprint.training.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.pipeline.ModelFiles;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import com.pawprint.training.TinyDatasets;
import com.pawprint.training.output.FileHashes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseModelRegistryTest {

    @TempDir
    Path dir;

    @Test
    void registersAnSd1ModelWithItsConfigsHashAndLicence() {
        Path model = TinyDatasets.tinyModel(dir);
        BaseModelRegistry registry = new BaseModelRegistry(dir.resolve("registry"));
        BaseModelEntry entry = registry.register("tiny", model, BaseModelEntry.SD15_LICENSE, true);
        assertEquals("sd1", entry.architecture());
        assertEquals(FileHashes.sha256(model), entry.sha256());
        assertEquals(32, entry.configs().get("unet").get("block_out_channels").get(0).asInt());
        assertEquals(entry, registry.find("tiny").orElseThrow());
        assertTrue(registry.find("missing").isEmpty());
        assertTrue(registry.find("../etc/passwd").isEmpty(), "names cannot leave the registry");
        entry.requireCommercialUse();

        BaseModelEntry restricted = registry.register("tiny-nc", model, "cc-by-nc-4.0", false);
        LicenseException refused = assertThrows(LicenseException.class, restricted::requireCommercialUse);
        assertEquals("base model 'tiny-nc' is licensed cc-by-nc-4.0, which does not allow commercial use: merch "
                + "cannot be made with it", refused.getMessage());
    }

    @Test
    void refusesNonSd1FilesAndSingleFilesOfAnotherSizeWithoutConfigs() {
        BaseModelRegistry registry = new BaseModelRegistry(dir.resolve("registry"));
        Path bare;
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelFiles.GeneratedWeights weights = ModelFiles.generate(ModelConfigs.tiny(), 7, manager);
            Path withConfigs = ModelFiles.writeSingleFile(dir.resolve("sized.safetensors"), ModelConfigs.tiny(),
                    weights);
            bare = dir.resolve("bare.safetensors");
            try (var source = com.pawprint.diffusion.safetensors.SafetensorsFile.open(withConfigs)) {
                Map<String, ai.djl.ndarray.NDArray> tensors = new LinkedHashMap<>();
                for (String name : source.names()) {
                    tensors.put(name, source.load(name, manager));
                }
                SafetensorsWriter.write(bare, tensors, Map.of());
            }
        }
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> registry.register("bare", bare, BaseModelEntry.SD15_LICENSE, true));
        assertTrue(size.getMessage().contains("carries no configs, so it is read as SD 1.5 with UNet channels 320, "
                + "but its conv_in has 32"), size.getMessage());
        Path lora = dir.resolve("not-a-model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsWriter.write(lora, Map.of("lora_unet_x.lora_down.weight", manager.zeros(new ai.djl.ndarray
                    .types.Shape(1, 1))), Map.of());
        }
        IllegalArgumentException notSd1 = assertThrows(IllegalArgumentException.class,
                () -> registry.register("lora", lora, BaseModelEntry.SD15_LICENSE, true));
        assertTrue(notSd1.getMessage().startsWith("only SD 1.x base models are supported: "), notSd1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry.register("Bad Name", bare, "x", true));
        assertThrows(IllegalArgumentException.class, () -> registry.register("nolicence", bare, " ", true));
        assertFalse(registry.find("bare").isPresent());
    }
}
