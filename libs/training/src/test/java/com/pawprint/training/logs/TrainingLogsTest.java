package com.pawprint.training.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogsTest {

    @TempDir
    Path dir;

    @Test
    void tensorBoardRecordsReadBackWithTheirCrcs() throws Exception {
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(dir, 1_700_000_000L, "trainer-0")) {
            writer.scalar("loss/current", 0.25f, 1, 1_700_000_001.5);
            writer.scalar("lr/unet", 1e-4f, 300, 1_700_000_002.0);
            file = writer.file();
        }
        assertEquals("events.out.tfevents.1700000000.trainer-0", file.getFileName().toString());
        List<TensorBoardFile.Event> events = TensorBoardFile.read(file);
        assertEquals(3, events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertEquals(new TensorBoardFile.Event(1_700_000_001.5, 1, null, "loss/current", 0.25f), events.get(1));
        assertEquals(new TensorBoardFile.Event(1_700_000_002.0, 300, null, "lr/unet", 1e-4f), events.get(2));
        // The CRC-32C check value of "123456789" is 0xE3069283; TFRecord masks it.
        int crc = 0xE3069283;
        assertEquals(((crc >>> 15) | (crc << 17)) + 0xa282ead8, TensorBoardWriter.maskedCrc("123456789".getBytes()));
    }

    @Test
    void aResumedRunDropsLinesPastItsCheckpointAndThePlotIsDrawn() throws Exception {
        try (TrainingLogs logs = TrainingLogs.open(dir, 0)) {
            for (int step = 1; step <= 4; step++) {
                logs.step(new StepRecord(step, 1, 0.5 / step, 0.4, 1e-4, 5e-5, 2.0, 0.1, 1));
            }
            logs.validation(2, 1, 0.3);
            logs.validation(4, 1, 0.35);
        }
        try (TrainingLogs logs = TrainingLogs.open(dir, 2)) {
            logs.step(new StepRecord(3, 1, 0.1, 0.4, 1e-4, 5e-5, 2.0, 0.1, 1));
        }
        List<StepRecord> steps = TrainingLogs.readSteps(dir);
        assertEquals(List.of(1L, 2L, 3L), steps.stream().map(StepRecord::step).toList());
        assertEquals(0.1, steps.get(2).loss());
        assertEquals(1, TrainingLogs.readValidation(dir).size());
        try (Stream<Path> events = Files.list(dir.resolve("tensorboard"))) {
            assertTrue(events.count() >= 1);
        }
        Path png = dir.resolve("loss.png");
        LossPlot.write(png, "mochi_v1_rank8_ep15", steps, TrainingLogs.readValidation(dir));
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(LossPlot.WIDTH, image.getWidth());
        assertEquals(LossPlot.HEIGHT, image.getHeight());
    }
}
