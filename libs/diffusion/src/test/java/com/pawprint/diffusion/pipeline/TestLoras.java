package com.pawprint.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import com.pawprint.diffusion.schedulers.NoiseSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** LoRA files for tests. */
public final class TestLoras {

    private TestLoras() {
    }

    /** A kohya file for the model's default targets with non-zero {@code up}, so it visibly changes the output. */
    public static Path write(StableDiffusion model, Path file) {
        try (NDManager manager = NDManager.newBaseManager();
                LoraNetwork network = LoraNetwork.create(new LoraBase(model.unetModules(),
                        model.textEncoderModules()), 4, 4f, 3, manager)) {
            Map<String, NDArray> tensors = new TreeMap<>();
            NoiseSource noise = NoiseSource.seeded(9);
            network.parameters().forEach((key, array) -> {
                String stem = key.substring(0, key.indexOf(".lora_"));
                tensors.put(key, key.endsWith("lora_up.weight")
                        ? noise.gaussian(manager, array.getShape()).mul(0.3) : array.duplicate());
                tensors.put(stem + ".alpha", manager.create(4f).reshape(new Shape()));
            });
            SafetensorsWriter.write(file, tensors, Map.of("ss_output_name", "pet", "ss_network_dim", "4"));
        }
        return file;
    }
}
