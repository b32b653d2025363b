package com.pawprint.labeling.cli;

import com.pawprint.labeling.service.MetadataCsv;
import com.pawprint.samples.BadSamples;
import com.pawprint.samples.Species;
import com.pawprint.samples.SyntheticPets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AutoLabelTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AutoLabel.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void captionsAFolderLikeLoraScripts(@TempDir Path folder) throws Exception {
        Path images = Files.createDirectory(folder.resolve("cat_train"));
        var pets = SyntheticPets.dataset(Species.CAT, 2, 4);
        Files.write(images.resolve("a.jpg"), SyntheticPets.jpeg(pets.get(0).image()));
        Files.write(images.resolve("b.png"), SyntheticPets.png(pets.get(1).image()));
        Files.write(images.resolve("broken.jpg"), BadSamples.notAnImage());
        Files.writeString(images.resolve("notes.md"), "not an image");

        int code = run("--input", images.toString(), "--output", images.resolve("metadata.csv").toString(),
                "--trigger", "mochi_cat", "--class", "cat", "--breed", "British Shorthair");

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("skipped broken.jpg");
        List<MetadataCsv.Row> rows = MetadataCsv.read(Files.readString(images.resolve("metadata.csv")));
        assertThat(rows).extracting(MetadataCsv.Row::filename).containsExactly("a.jpg", "b.png");
        assertThat(rows).allSatisfy(row -> assertThat(row.prompt()).startsWith("mochi_cat cat, british shorthair, "));
        assertThat(Files.readString(images.resolve("a.txt"))).isEqualTo(rows.get(0).prompt());
        assertThat(Files.readString(images.resolve("b.txt"))).isEqualTo(rows.get(1).prompt());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("captioned 2 of 3 images with the basic captioner");
    }

    @Test
    void refusesBadArgumentsWithTheUsage(@TempDir Path folder) {
        assertThat(run("--input", folder.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--input and --output are required")
                .contains("usage: auto-label");
        assertThat(run("--input", folder.resolve("missing").toString(), "--output", "x.csv")).isEqualTo(2);
        assertThat(run("--input", folder.toString(), "--output", folder.resolve("m.csv").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no image in");
    }
}
