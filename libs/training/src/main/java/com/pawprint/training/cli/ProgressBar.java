package com.pawprint.training.cli;

import com.pawprint.training.run.Checkpoint;
import com.pawprint.training.run.TrainingListener;
import com.pawprint.training.run.TrainingPlan;
import com.pawprint.training.run.TrainingProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The command's progress line, as tqdm draws it for lora-scripts: bar, step, percent, epoch, loss, it/s and ETA.
 * On a terminal it redraws one line; in a log file it writes a line every 5%.
 */
final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos;
    private long lastPrintedPercentile = -1;
    private boolean lineOpen;

    ProgressBar(PrintStream out, boolean terminal, long startNanos) {
        this.out = out;
        this.terminal = terminal;
        this.startNanos = startNanos;
    }

    @Override
    public void started(TrainingPlan plan, long resumedAtStep) {
        endLine();
        out.printf(Locale.ROOT, "%d steps in %d epochs%s; ready after %.1f s%n", plan.totalSteps(), plan.epochs(),
                resumedAtStep > 0 ? ", resuming at step " + resumedAtStep : "",
                (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public void stepped(TrainingProgress p) {
        String line = line(p);
        if (terminal) {
            out.print("\r" + line);
            lineOpen = true;
        } else {
            long percentile = (long) (p.percent() / 5);
            if (percentile != lastPrintedPercentile || p.step() == p.totalSteps()) {
                out.println(line);
                lastPrintedPercentile = percentile;
            }
        }
        out.flush();
    }

    static String line(TrainingProgress p) {
        int filled = (int) Math.round(WIDTH * p.percent() / 100);
        return String.format(Locale.ROOT, "|%s%s| %d/%d %3.0f%% epoch %d/%d loss %.4f avg %.4f %.2f it/s ETA %s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), p.step(), p.totalSteps(), p.percent(), p.epoch(),
                p.epochs(), p.loss(), p.averageLoss(), p.iterationsPerSecond(), eta(p.etaSeconds()));
    }

    static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    @Override
    public void checkpointed(Checkpoint checkpoint) {
        endLine();
        out.println("checkpoint " + checkpoint.dir());
    }

    @Override
    public void validated(long step, double loss) {
        endLine();
        out.printf(Locale.ROOT, "validation loss at step %d: %.5f%n", step, loss);
    }

    @Override
    public void sampled(long step, Path image) {
        endLine();
        out.println("sample " + image);
    }

    void finish() {
        endLine();
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}
