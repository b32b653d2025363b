package com.pawprint.diffusion.bench;

import static com.pawprint.testsupport.Benchmarks.median;
import static com.pawprint.testsupport.Benchmarks.option;
import static com.pawprint.testsupport.Benchmarks.peakRssGiB;
import static com.pawprint.testsupport.Benchmarks.seconds;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.lora.LoraTrainingStep;
import com.pawprint.diffusion.optim.AdamW;
import com.pawprint.diffusion.optim.AdamWConfig;
import com.pawprint.diffusion.optim.LossScaler;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.pipeline.StepProgress;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.pipeline.Txt2ImgResult;
import com.pawprint.diffusion.pipeline.CancellationToken;
import com.pawprint.diffusion.schedulers.NoiseSource;
import com.pawprint.diffusion.schedulers.SamplerKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the engine's work for one model and image size and prints it with the process's peak RSS: UNet forward
 * (batch 1), txt2img steps with classifier-free guidance (two UNet evaluations each, one batched call), VAE decode,
 * and LoRA training steps (forward, backward, AdamW on the LoRA only).
 * A figure printer, not a test: bench/diffusion-vs-sdcpp.sh runs one JVM per configuration (so each peak RSS is its
 * own) beside stable-diffusion.cpp, and docs/performance.md records the result.
 *
 * <p>Arguments: {@code --config tiny|small|sd15} (small: the PyTorch anchor's UNet, 32/64/128/128 channels, 8 heads,
 * context 64, with the tiny text encoder and VAE) {@code --size <px>} {@code [--checkpoint <file>]} (sd15: the model to
 * load; without it random weights are generated) {@code [--steps n]} {@code [--unet-runs n]} {@code [--train-runs n]}.
 */
public final class DiffusionBenchmark {

    private DiffusionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String config = option(args, "--config", "tiny");
        int size = Integer.parseInt(option(args, "--size", "256"));
        int steps = Integer.parseInt(option(args, "--steps", "2"));
        int unetRuns = Integer.parseInt(option(args, "--unet-runs", "3"));
        int trainRuns = Integer.parseInt(option(args, "--train-runs", "0"));
        String checkpoint = option(args, "--checkpoint", "");
        String label = config + " " + size + "px";

        long loadStart = System.nanoTime();
        ModelConfigs configs = switch (config) {
            case "sd15" -> ModelConfigs.sd15();
            case "small" -> ModelConfigs.small();
            default -> ModelConfigs.tiny();
        };
        try (StableDiffusion model = checkpoint.isEmpty()
                ? StableDiffusion.random(configs, 0, ComputeDevice.cpu())
                : StableDiffusion.load(Path.of(checkpoint), ComputeDevice.cpu())) {
            print(label, "load", seconds(loadStart), checkpoint.isEmpty() ? "random weights" : checkpoint);
            print(label, "peak RSS after load", peakRssGiB(), "GiB");

            double[] unet = new double[unetRuns];
            for (int run = 0; run < unetRuns; run++) {
                unet[run] = unetForward(model, size);
            }
            print(label, "UNet forward, batch 1", median(unet), "s (median of " + unetRuns + ": "
                    + Arrays.toString(round(unet)) + ")");

            List<StepProgress> progress = new ArrayList<>();
            Txt2ImgRequest request = Txt2ImgRequest.builder("a photo of a cat").size(size, size).steps(steps)
                    .guidanceScale(7).sampler(SamplerKind.EULER_A).seed(42).build();
            Txt2ImgResult result = model.generate(request, progress::add, CancellationToken.NONE);
            double[] stepTimes = new double[steps];
            double previous = 0;
            for (int i = 0; i < steps; i++) {
                double elapsed = progress.get(i).elapsed().toNanos() / 1e9;
                stepTimes[i] = elapsed - previous;
                previous = elapsed;
            }
            double decode = result.elapsed().toNanos() / 1e9 - previous;
            print(label, "txt2img step with CFG", median(stepTimes), "s (median of " + steps + ": "
                    + Arrays.toString(round(stepTimes)) + "; step 1 includes text encoding)");
            print(label, "VAE decode", decode, "s (with the sRGB conversion)");
            print(label, "txt2img total", result.elapsed().toNanos() / 1e9, "s, " + steps + " steps");
            print(label, "peak RSS after txt2img", peakRssGiB(), "GiB (VmHWM of this JVM)");
            if (trainRuns > 0) {
                double[] train = loraTrainingSteps(model, size, trainRuns);
                print(label, "LoRA train step, batch 1", median(train), "s (median of " + trainRuns + ": "
                        + Arrays.toString(round(train)) + "; rank 8 on the 192+72 default targets, AdamW on the UNet "
                        + "LoRA)");
                print(label, "peak RSS after training", peakRssGiB(), "GiB (VmHWM of this JVM)");
            }
        }
    }

    /** Forward, backward and AdamW on a fresh rank-8 LoRA, with precomputed text embeddings (latents cached). */
    private static double[] loraTrainingSteps(StableDiffusion model, int size, int runs) {
        int latent = size / model.configs().vae().downscaleFactor();
        Shape shape = new Shape(1, model.configs().unet().inChannels(), latent, latent);
        double[] times = new double[runs];
        NDManager manager = model.manager();
        try (NDManager trainManager = manager.newSubManager();
                LoraNetwork network = LoraNetwork.create(new LoraBase(model.unetModules(), model.textEncoderModules()),
                        8, 8f, 0, trainManager);
                AdamW adamW = new AdamW(AdamWConfig.defaults(), trainManager);
                LoraTrainingStep step = new LoraTrainingStep(model.unet(), network, model.noiseSchedule(), adamW,
                        false, 0, LossScaler.disabled())) {
            NoiseSource noise = NoiseSource.seeded(3);
            for (int run = 0; run < runs; run++) {
                try (NDArray context = model.encodePrompt("a photo of sks cat", 1);
                        NDArray latents = noise.gaussian(manager, shape);
                        NDArray target = noise.gaussian(manager, shape);
                        NDArray timesteps = manager.create(new long[] {500})) {
                    long start = System.nanoTime();
                    step.step(latents, target, timesteps, () -> context, 1e-4);
                    times[run] = seconds(start);
                }
            }
        }
        return times;
    }

    private static double unetForward(StableDiffusion model, int size) {
        int latent = size / model.configs().vae().downscaleFactor();
        NDManager manager = model.manager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray context = model.encodePrompt("a photo of a cat", 1);
            NDArray sample = NoiseSource.seeded(1).gaussian(manager,
                    new Shape(1, model.configs().unet().inChannels(), latent, latent));
            NDArray timestep = manager.create(new float[] {500f});
            long start = System.nanoTime();
            NDArray out = model.unet().forward(sample, timestep, context);
            out.toFloatArray();
            return seconds(start);
        }
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }

    private static void print(String label, String work, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %-14s %-26s %10.3f %s%n", label, work, value, unit);
    }
}
