package com.pawprint.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints UNet forward times next to the anchors of {@code shared/notes/performance-targets.md}. Not a test: run it
 * in its own JVM per configuration so the peak RSS belongs to that configuration alone.
 *
 * <pre>
 * java -cp ... com.pawprint.diffusion.unet.UNetForwardBenchmark {tiny|sd15} {pixels} {batch} {runs}
 * </pre>
 *
 * Batch 2 is one classifier-free-guidance sampler step (conditional and unconditional halves in one call). Generated
 * weights are created through direct buffers: give the JVM {@code -XX:MaxDirectMemorySize=8g} for SD 1.5.
 */
public final class UNetForwardBenchmark {

    private static final int LATENT_DOWNSCALE = 8;
    private static final int TEXT_TOKENS = 77;

    private UNetForwardBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: UNetForwardBenchmark {tiny|sd15} pixels batch runs");
        }
        UNet2DConditionConfig config = switch (args[0]) {
            case "tiny" -> UNet2DConditionConfig.tiny();
            case "sd15" -> UNet2DConditionConfig.sd15();
            default -> throw new IllegalArgumentException("unknown config " + args[0]);
        };
        int pixels = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        int latent = pixels / LATENT_DOWNSCALE;

        try (NDManager manager = NDManager.newBaseManager()) {
            long loadStart = System.nanoTime();
            UNet2DConditionModel unet = UNet2DConditionModel.load(
                    Weights.of(GeneratedTensorSource.random(1), manager, DataType.FLOAT32), config);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            double[] seconds = new double[runs];
            double[] cpuSeconds = new double[runs];
            for (int run = 0; run < runs; run++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray sample = step.randomNormal(new Shape(batch, config.inChannels(), latent, latent));
                    NDArray context = step.randomNormal(new Shape(batch, TEXT_TOKENS, config.crossAttentionDim()));
                    NDArray timestep = step.create(500f);
                    long start = System.nanoTime();
                    long cpuStart = processCpuNanos();
                    unet.forward(sample, timestep, context).toFloatArray();
                    cpuSeconds[run] = (processCpuNanos() - cpuStart) / 1e9;
                    seconds[run] = (System.nanoTime() - start) / 1e9;
                }
            }
            System.out.printf(Locale.ROOT,
                    "unet %s %dpx (latent %dx%d) batch %d: %s, weights generated in %.1f s, peak RSS %.2f GB%n",
                    args[0], pixels, latent, latent, batch, describe(seconds, cpuSeconds), loadSeconds, peakRssGigabytes());
        }
    }

    /**
     * Median wall and CPU time, run count, first run and the intra-op thread setting. CPU time is what to compare on
     * the shared machine: wall time there mostly measures the other tenants.
     */
    public static String describe(double[] seconds, double[] cpuSeconds) {
        return String.format(Locale.ROOT, "median wall %.3f s, CPU %.3f s over %d runs (first wall %.3f s), threads %s",
                median(seconds), median(cpuSeconds), seconds.length, seconds[0],
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
    }

    /** CPU time of the whole process, native threads included. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The process's peak resident set (VmHWM). */
    public static double peakRssGigabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
            }
        }
        return Double.NaN;
    }
}
