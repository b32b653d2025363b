package com.pawprint.diffusion.cli;

import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.infotext.A1111Hashes;
import com.pawprint.diffusion.infotext.EngineVersion;
import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.diffusion.loader.CheckpointSummary;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.loader.StableDiffusionCheckpoint;
import com.pawprint.diffusion.lora.LoraPrompt;
import com.pawprint.diffusion.lora.LoraReference;
import com.pawprint.diffusion.pipeline.LoraResolver;
import com.pawprint.diffusion.pipeline.ModelFiles;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.pipeline.Txt2ImgResult;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.imaging.PngWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's command line: {@code summary}, {@code generate} and {@code make-tiny}. Run it with
 * {@code libs/diffusion/bin/pawprint-sd <command> ...}; {@code pawprint-sd help} lists the options.
 */
public final class DiffusionCli {

    static final String USAGE = """
            usage: pawprint-sd <command> [options]
              summary <checkpoint>
                  architecture, parameter counts per component and metadata of a diffusers folder or a
                  single-file LDM .safetensors (reads headers only)
              generate --model <checkpoint> --prompt <text> --out <image.png> [options]
                  each PNG carries A1111's generation parameters (its "parameters" text, for PNG Info)
                  prompts read AUTOMATIC1111's syntax: (word), [word], (word:1.3), BREAK; no 75-token limit
                  --negative <text>      negative prompt (default empty)
                  --lora <file>:<weight> a kohya LoRA file at a strength, repeatable; the prompt may also say
                                         <lora:name:weight> for files given with --lora (name = file name without
                                         .safetensors)
                  --steps <n>            sampler steps (default 20)
                  --guidance <g>         classifier-free guidance scale (default 7)
                  --seed <n>             seed; image i of a batch uses seed + i (default 0)
                  --width <px>, --height <px>  multiples of 8 (default 512)
                  --batch <n>            images, written as <out>, <out>-1, ... (default 1)
                  --sampler <name>       ddim, euler, euler_a, dpmpp_2m, with _karras variants (default euler_a)
                  --clip-skip <n>        default 1
                  --device <d>           auto, cpu, cuda, cuda:N (default auto)
              make-tiny <dir>
                  writes a small random model of the SD 1.5 architecture (team tiny configs) as <dir>/tiny-diffusers
                  (diffusers folder) and <dir>/tiny.safetensors (single LDM file), to try generate without weights
            """;

    private final PrintStream out;

    DiffusionCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            new DiffusionCli(System.out).run(List.of(args));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("no command");
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "summary" -> summary(Path.of(single(rest, "summary <checkpoint>")));
            case "generate" -> generate(Options.parse(rest));
            case "make-tiny" -> makeTiny(Path.of(single(rest, "make-tiny <dir>")));
            case "help", "--help", "-h" -> out.print(USAGE);
            default -> throw new UsageException("unknown command '" + args.get(0) + "'");
        }
    }

    private static String single(List<String> args, String usage) {
        if (args.size() != 1) {
            throw new UsageException("expected " + usage);
        }
        return args.get(0);
    }

    void summary(Path path) {
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(path)) {
            ModelConfigs configs = ModelFiles.declaredConfigs(checkpoint);
            out.println("checkpoint: " + path);
            out.println("format: " + checkpoint.format());
            out.println("text encoder: " + configs.textEncoder());
            out.println("unet: " + configs.unet());
            out.println("vae: " + configs.vae());
            CheckpointSummary summary = CheckpointSummary.of(checkpoint);
            summary.components().forEach((component, counts) -> out.printf(Locale.ROOT,
                    "%s: %,d tensors, %,d parameters%n", component.name().toLowerCase(Locale.ROOT), counts.tensors(),
                    counts.parameters()));
            out.printf(Locale.ROOT, "total: %,d parameters%n", summary.totalParameters());
            Map<String, String> metadata = new TreeMap<>(checkpoint.metadata());
            out.println("metadata: " + (metadata.isEmpty() ? "(none)" : metadata.size() + " entries"));
            metadata.forEach((key, value) -> out.println("  " + key + " = " + abbreviate(value)));
        }
    }

    private static String abbreviate(String value) {
        String line = value.replace('\n', ' ');
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    void generate(Options options) {
        ComputeDevice device = ComputeDevice.resolve(options.device());
        long loading = System.nanoTime();
        try (StableDiffusion model = StableDiffusion.load(options.model(), device)) {
            out.printf(Locale.ROOT, "loaded %s on %s in %.1f s%n", options.model(), device,
                    (System.nanoTime() - loading) / 1e9);
            Txt2ImgResult result = model.generate(options.request(), options.loraResolver(), progress -> out.printf(
                    Locale.ROOT,
                    "step %d/%d  %.1f s elapsed, eta %.1f s%n", progress.step(), progress.totalSteps(),
                    progress.elapsed().toMillis() / 1e3, progress.eta().toMillis() / 1e3),
                    com.pawprint.diffusion.pipeline.CancellationToken.NONE);
            GenerationParameters parameters = parameters(options);
            for (int i = 0; i < result.images().size(); i++) {
                Path file = i == 0 ? options.out() : numbered(options.out(), i);
                write(result.images().get(i), parameters.withSeed(result.seeds().get(i)), file);
                out.printf(Locale.ROOT, "wrote %s (seed %d, %dx%d)%n", file, result.seeds().get(i),
                        result.images().get(i).getWidth(), result.images().get(i).getHeight());
            }
            out.printf(Locale.ROOT, "total %.1f s%n", result.elapsed().toMillis() / 1e3);
        }
    }

    private static Path numbered(Path file, int index) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot < 0 ? name + "-" + index : name.substring(0, dot) + "-" + index + name.substring(dot);
        return file.resolveSibling(numbered);
    }

    /**
     * What A1111 would record for this run: the checkpoint as its file name and hash (a diffusers folder, which
     * A1111 cannot load, by name only) and each LoRA the prompt names, by its hash.
     */
    private static GenerationParameters parameters(Options options) {
        Path model = options.model();
        String fileName = model.getFileName().toString();
        boolean singleFile = Files.isRegularFile(model);
        String modelName = singleFile && fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.'))
                : fileName;
        Map<String, String> loraHashes = new LinkedHashMap<>();
        LoraResolver loras = options.loraResolver();
        for (LoraReference lora : LoraPrompt.parse(options.request().prompt()).loras()) {
            loras.resolve(lora.name()).ifPresent(file -> loraHashes.computeIfAbsent(lora.name(),
                    name -> A1111Hashes.lora(file)));
        }
        return GenerationParameters.of(options.request(), singleFile ? A1111Hashes.checkpoint(model) : null,
                modelName, loraHashes, EngineVersion.infotext());
    }

    private static void write(BufferedImage image, GenerationParameters parameters, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, PngWriter.defaults().withText("parameters", parameters.format()).encode(image));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void makeTiny(Path dir) {
        ModelConfigs tiny = ModelConfigs.tiny();
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelFiles.GeneratedWeights weights = ModelFiles.generate(tiny, 0, manager);
            Path folder = ModelFiles.writeDiffusersFolder(dir.resolve("tiny-diffusers"), tiny, weights);
            Path single = ModelFiles.writeSingleFile(dir.resolve("tiny.safetensors"), tiny, weights);
            out.println("wrote " + folder + " (diffusers folder) and " + single + " (single LDM file)");
            out.println("try: pawprint-sd generate --model " + single
                    + " --prompt \"a cat\" --steps 4 --width 64 --height 64 --out cat.png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tiny model under " + dir, e);
        }
    }

    /** The options of {@code generate}. */
    record Options(Path model, Path out, String device, Txt2ImgRequest request, Map<String, Path> loraFiles) {

        /** Every {@code --lora} file, by its name without {@code .safetensors}. */
        LoraResolver loraResolver() {
            return LoraResolver.of(loraFiles);
        }

        static Options parse(List<String> args) {
            Map<String, String> values = new TreeMap<>();
            List<String> loras = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (!flag.startsWith("--") || i + 1 >= args.size()) {
                    throw new UsageException("expected --option value, got '" + flag + "'");
                }
                String value = args.get(++i);
                if (flag.equals("--lora")) {
                    loras.add(value);
                } else if (values.put(flag.substring(2), value) != null) {
                    throw new UsageException(flag + " given twice");
                }
            }
            String model = required(values, "model");
            String prompt = required(values, "prompt");
            String out = required(values, "out");
            Map<String, Path> loraFiles = new TreeMap<>();
            StringBuilder tags = new StringBuilder();
            for (String lora : loras) {
                int colon = lora.lastIndexOf(':');
                Path file = Path.of(colon < 0 ? lora : lora.substring(0, colon));
                String weight = colon < 0 ? "1" : lora.substring(colon + 1);
                String name = file.getFileName().toString().replaceFirst("\\.safetensors$", "");
                if (loraFiles.put(name, file) != null) {
                    throw new UsageException("two --lora files are named '" + name + "'");
                }
                number(Map.entry("lora", weight));
                tags.append("<lora:").append(name).append(':').append(weight).append("> ");
            }
            Txt2ImgRequest.Builder request = Txt2ImgRequest.builder(tags + prompt);
            for (Map.Entry<String, String> option : values.entrySet()) {
                String value = option.getValue();
                switch (option.getKey()) {
                    case "model", "prompt", "out", "device" -> { }
                    case "negative" -> request.negativePrompt(value);
                    case "steps" -> request.steps(integer(option));
                    case "guidance" -> request.guidanceScale(number(option));
                    case "seed" -> request.seed(Long.parseLong(value));
                    case "batch" -> request.batchSize(integer(option));
                    case "sampler" -> request.sampler(SamplerKind.fromName(value));
                    case "clip-skip" -> request.clipSkip(integer(option));
                    case "width", "height" -> { }
                    default -> throw new UsageException("unknown option --" + option.getKey());
                }
            }
            request.size(values.containsKey("width") ? integer(Map.entry("width", values.get("width"))) : 512,
                    values.containsKey("height") ? integer(Map.entry("height", values.get("height"))) : 512);
            return new Options(Path.of(model), Path.of(out), values.getOrDefault("device", "auto"), request.build(),
                    Map.copyOf(loraFiles));
        }

        private static String required(Map<String, String> values, String name) {
            String value = values.get(name);
            if (value == null) {
                throw new UsageException("--" + name + " is required");
            }
            return value;
        }

        private static int integer(Map.Entry<String, String> option) {
            try {
                return Integer.parseInt(option.getValue());
            } catch (NumberFormatException e) {
                throw new UsageException("--" + option.getKey() + " needs a whole number, got '" + option.getValue()
                        + "'");
            }
        }

        private static double number(Map.Entry<String, String> option) {
            try {
                return Double.parseDouble(option.getValue());
            } catch (NumberFormatException e) {
                throw new UsageException("--" + option.getKey() + " needs a number, got '" + option.getValue() + "'");
            }
        }
    }

    /** Bad command-line use: the message and the usage are printed, exit status 2. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
