package com.pawprint.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.diffusion.pipeline.CancellationToken;
import com.pawprint.training.TinyDatasets;
import com.pawprint.training.logs.TensorBoardFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** pawprint-train on local folders, as lora-scripts users run it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainCommandTest {

    private Path dir;
    private Path model;
    private Path cats;

    @BeforeAll
    void prepare(@TempDir Path tempDir) {
        dir = tempDir;
        model = TinyDatasets.tinyModel(dir);
        cats = TinyDatasets.catFolder(dir.resolve("cats"), 4);
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(CancellationToken cancellation, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cancellation);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path config(String name, String extra) throws Exception {
        return Files.writeString(dir.resolve(name), """
                train_data_dir: "%s"
                metadata_path: "%s"
                base_model: "%s"
                lora_rank: 4
                batch_size: 2
                epochs: 2
                learning_rate: 2e-4
                output_dir: "%s"
                save_steps: 2
                resolution: 256
                train_text_encoder: false
                """.formatted(cats, cats.resolve("metadata.csv"), model, dir.resolve("output")) + extra);
    }

    @Test
    void trainsAVersionedLoraWithProgressLogsAndTensorBoard() throws Exception {
        Run first = run(new CancellationToken(), "--config", config("plain.yaml", "").toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("4 steps in 2 epochs"), first.out());
        assertTrue(first.out().matches("(?s).*\\|#+-*\\| 4/4 100% epoch 2/2 loss \\d\\.\\d{4} avg \\d\\.\\d{4} "
                + "[\\d.]+ it/s ETA .*"), first.out());
        Path run = dir.resolve("output/cats_v1_rank4_ep2");
        assertTrue(Files.isRegularFile(run.resolve("cats_v1_rank4_ep2.safetensors")), first.out());
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-00000002")));
        assertEquals(5, Files.readAllLines(run.resolve("logs/steps.csv")).size());
        Path events;
        try (Stream<Path> files = Files.list(run.resolve("logs/tensorboard"))) {
            events = files.findFirst().orElseThrow();
        }
        List<TensorBoardFile.Event> records = TensorBoardFile.read(events);
        assertEquals(List.of("loss/current", "loss/average", "lr/unet", "lr/textencoder"), records.stream()
                .skip(1).limit(4).map(TensorBoardFile.Event::tag).toList());
        assertEquals(4, records.stream().filter(e -> "loss/current".equals(e.tag())).count());

        Run second = run(new CancellationToken(), "--config", config("plain.yaml", "").toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(Files.isDirectory(dir.resolve("output/cats_v2_rank4_ep2")), "a second run is version 2");
    }

    @Test
    void aCancelledRunResumesInItsOwnFolder() throws Exception {
        Path config = config("named.yaml", "output_name: Mochi\n");
        CancellationToken stop = new CancellationToken();
        stop.cancel();
        Run cancelled = run(stop, "--config", config.toString());
        assertEquals(130, cancelled.code(), cancelled.out() + cancelled.err());
        assertTrue(cancelled.err().contains("run again with --resume"), cancelled.err());
        Run resumed = run(new CancellationToken(), "--config", config.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 1"), resumed.out());
        assertTrue(Files.isRegularFile(dir.resolve("output/Mochi_v1_rank4_ep2/Mochi_v1_rank4_ep2.safetensors")));
    }

    @Test
    void badConfigsAndDatasetsExitWithTheReason() throws Exception {
        Run range = run(new CancellationToken(), "--config", config("bad.yaml", "lora_rnak: 8\n").toString());
        assertEquals(2, range.code());
        assertTrue(range.err().contains("lora_rnak: unknown option 'lora_rnak'"), range.err());
        Files.writeString(dir.resolve("missing.csv"), "filename,prompt\nnope.png,sks cat\n");
        config("base.yaml", "");
        Path rows = Files.writeString(dir.resolve("rows.yaml"), Files.readString(dir.resolve("base.yaml"))
                .replace(cats.resolve("metadata.csv").toString(), dir.resolve("missing.csv").toString()));
        Run absent = run(new CancellationToken(), "--config", rows.toString());
        assertEquals(2, absent.code());
        assertTrue(absent.err().contains("missing.csv line 2: 'nope.png' does not exist"), absent.err());
        Run noModel = run(new CancellationToken(), "--config", Files.writeString(dir.resolve("nomodel.yaml"),
                Files.readString(dir.resolve("base.yaml")).replace(model.toString(), "/nowhere/v1-5.safetensors"))
                .toString());
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("pawprint-sd make-tiny"), noModel.err());
        assertEquals(2, run(new CancellationToken(), "--frobnicate").code());
    }

    @Test
    void aRegisteredModelIsNamedInTheConfig() throws Exception {
        String registry = dir.resolve("registry").toString();
        Run registered = run(new CancellationToken(), "register-model", "--name", "tiny", "--file", model.toString(),
                "--license", "creativeml-openrail-m", "--registry", registry);
        assertEquals(0, registered.code(), registered.err());
        assertTrue(registered.out().startsWith("registered tiny (sd1, creativeml-openrail-m, commercial use allowed)"),
                registered.out());
        Path config = Files.writeString(dir.resolve("named-model.yaml"), Files.readString(config("base.yaml", ""))
                .replace("\"" + model + "\"", "tiny").replace("epochs: 2", "max_train_steps: 1")
                .replace("output\"", "registered\""));
        Run trained = run(new CancellationToken(), "--config", config.toString(), "--registry", registry);
        assertEquals(0, trained.code(), trained.err());
        assertTrue(Files.readString(dir.resolve("registered/cats_v1_rank4_ep1/cats_v1_rank4_ep1.json"))
                .contains("\"name\" : \"tiny\""));
        Run unregistered = run(new CancellationToken(), "--config", config.toString(), "--registry",
                dir.resolve("empty-registry").toString());
        assertEquals(2, unregistered.code());
        assertTrue(unregistered.err().contains("nor a registered model"), unregistered.err());
        assertEquals(2, run(new CancellationToken(), "register-model", "--name", "x").code());
    }
}
