package com.pawprint.training.logs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's logs in {@code logs/}: one CSV line per optimizer step ({@code steps.csv}), validation losses
 * ({@code validation.csv}) and TensorBoard scalars named as kohya names them. A resumed run drops the lines past its
 * checkpoint, so the CSV of an interrupted run equals that of a straight one.
 */
public final class TrainingLogs implements AutoCloseable {

    public static final String STEPS_FILE = "steps.csv";
    public static final String VALIDATION_FILE = "validation.csv";
    public static final String VALIDATION_HEADER = "step,epoch,validation_loss";

    private final Path dir;
    private final BufferedWriter steps;
    private final BufferedWriter validation;
    private final TensorBoardWriter tensorBoard;

    private TrainingLogs(Path dir, BufferedWriter steps, BufferedWriter validation, TensorBoardWriter tensorBoard) {
        this.dir = dir;
        this.steps = steps;
        this.validation = validation;
        this.tensorBoard = tensorBoard;
    }

    /** Opens the logs of a run that has done {@code completedSteps} optimizer steps (0 for a fresh one). */
    public static TrainingLogs open(Path dir, long completedSteps) {
        try {
            Files.createDirectories(dir);
            keepUpTo(dir.resolve(STEPS_FILE), StepRecord.CSV_HEADER, completedSteps);
            keepUpTo(dir.resolve(VALIDATION_FILE), VALIDATION_HEADER, completedSteps);
            BufferedWriter steps = Files.newBufferedWriter(dir.resolve(STEPS_FILE), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            BufferedWriter validation = Files.newBufferedWriter(dir.resolve(VALIDATION_FILE),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            TensorBoardWriter tensorBoard = TensorBoardWriter.create(dir.resolve("tensorboard"),
                    System.currentTimeMillis() / 1000, host());
            return new TrainingLogs(dir, steps, validation, tensorBoard);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open training logs in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public void step(StepRecord record) {
        double now = System.currentTimeMillis() / 1000.0;
        write(steps, record.csvLine());
        tensorBoard.scalar("loss/current", (float) record.loss(), record.step(), now);
        tensorBoard.scalar("loss/average", (float) record.averageLoss(), record.step(), now);
        tensorBoard.scalar("lr/unet", (float) record.unetLearningRate(), record.step(), now);
        tensorBoard.scalar("lr/textencoder", (float) record.textEncoderLearningRate(), record.step(), now);
    }

    public void epoch(int epoch, double averageLoss) {
        tensorBoard.scalar("loss/epoch", (float) averageLoss, epoch, System.currentTimeMillis() / 1000.0);
    }

    public void validation(long step, int epoch, double loss) {
        write(validation, step + "," + epoch + "," + loss);
        tensorBoard.scalar("loss/validation", (float) loss, step, System.currentTimeMillis() / 1000.0);
    }

    /** The step records written so far. */
    public static List<StepRecord> readSteps(Path dir) {
        return lines(dir.resolve(STEPS_FILE)).stream().map(StepRecord::fromCsv).toList();
    }

    /** {@code (step, validation loss)} pairs written so far. */
    public static List<double[]> readValidation(Path dir) {
        return lines(dir.resolve(VALIDATION_FILE)).stream().map(line -> line.split(","))
                .map(f -> new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[2])}).toList();
    }

    private static List<String> lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.min(1, all.size()), all.size()).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void keepUpTo(Path file, String header, long completedSteps) throws IOException {
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (completedSteps > 0 && Files.exists(file)) {
            for (String line : lines(file)) {
                if (Long.parseLong(line.substring(0, line.indexOf(','))) <= completedSteps) {
                    kept.add(line);
                }
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
    }

    private static void write(BufferedWriter writer, String line) {
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a training log line", e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        try (steps; validation; tensorBoard) {
            // closing is the point
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close training logs in " + dir, e);
        }
    }
}
