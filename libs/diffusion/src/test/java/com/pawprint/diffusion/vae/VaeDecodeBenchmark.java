package com.pawprint.diffusion.vae;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.unet.UNetForwardBenchmark;
import java.io.IOException;
import java.util.Locale;

/**
 * Prints VAE decode times next to the anchors of {@code shared/notes/performance-targets.md}; run in its own JVM.
 *
 * <pre>
 * java -cp ... com.pawprint.diffusion.vae.VaeDecodeBenchmark {tiny|sd15} {pixels} {runs}
 * </pre>
 */
public final class VaeDecodeBenchmark {

    private VaeDecodeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: VaeDecodeBenchmark {tiny|sd15} pixels runs");
        }
        VaeConfig config = switch (args[0]) {
            case "tiny" -> VaeConfig.tiny();
            case "sd15" -> VaeConfig.sd15();
            default -> throw new IllegalArgumentException("unknown config " + args[0]);
        };
        int pixels = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        int latent = pixels / config.downscaleFactor();
        try (NDManager manager = NDManager.newBaseManager()) {
            AutoencoderKL vae = AutoencoderKL.load(
                    Weights.of(GeneratedTensorSource.random(1), manager, DataType.FLOAT32), config);
            double[] seconds = new double[runs];
            double[] cpuSeconds = new double[runs];
            for (int run = 0; run < runs; run++) {
                try (NDManager step = manager.newSubManager()) {
                    var latents = step.randomNormal(new Shape(1, config.latentChannels(), latent, latent));
                    long start = System.nanoTime();
                    long cpuStart = UNetForwardBenchmark.processCpuNanos();
                    vae.decode(latents).toFloatArray();
                    cpuSeconds[run] = (UNetForwardBenchmark.processCpuNanos() - cpuStart) / 1e9;
                    seconds[run] = (System.nanoTime() - start) / 1e9;
                }
            }
            System.out.printf(Locale.ROOT, "vae decode %s %dpx (latent %dx%d) batch 1: %s, peak RSS %.2f GB%n",
                    args[0], pixels, latent, latent, UNetForwardBenchmark.describe(seconds, cpuSeconds),
                    UNetForwardBenchmark.peakRssGigabytes());
        }
    }
}
