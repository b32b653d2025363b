package com.pawprint.training;

import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.pipeline.ModelFiles;
import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;
import com.pawprint.samples.Species;
import com.pawprint.samples.SyntheticPet;
import com.pawprint.samples.SyntheticPets;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Small generated SD-architecture models and synthetic pet datasets in lora-scripts' folder layout. */
public final class TinyDatasets {

    private TinyDatasets() {
    }

    /** The engine's tiny model as one single-file checkpoint, as {@code pawprint-sd make-tiny} writes it. */
    public static Path tinyModel(Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return ModelFiles.writeSingleFile(dir.resolve("tiny.safetensors"), ModelConfigs.tiny(),
                    ModelFiles.generate(ModelConfigs.tiny(), 7, manager));
        }
    }

    /**
     * {@code count} photos of one synthetic cat (PNG, 256 px on the short side, some landscape) and a
     * {@code metadata.csv} whose captions start with the trigger token {@code sks}.
     */
    public static Path catFolder(Path dir, int count) {
        try {
            Files.createDirectories(dir);
            List<String> lines = new ArrayList<>(List.of("filename,prompt"));
            List<SyntheticPet> pets = SyntheticPets.dataset(Species.CAT, count, 11);
            for (int i = 0; i < pets.size(); i++) {
                BufferedImage image = pets.get(i).image();
                int width = i % 3 == 2 ? 320 : 256;
                BufferedImage small = Resampler.resize(image, width, 256, ResampleFilter.BICUBIC);
                String name = String.format("cat_%02d.png", i);
                ImageIO.write(small, "png", dir.resolve(name).toFile());
                lines.add(name + ",\"sks cat, photo, " + (i % 2 == 0 ? "sitting" : "lying") + ", indoors\"");
            }
            Files.write(dir.resolve("metadata.csv"), lines);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
