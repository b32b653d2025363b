package com.pawprint.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.clip.ClipTextModel;
import com.pawprint.diffusion.device.Autograd;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.loader.CheckpointFormat;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.loader.StableDiffusionCheckpoint;
import com.pawprint.diffusion.loader.StableDiffusionModels;
import com.pawprint.diffusion.lora.AppliedLora;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraMode;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.lora.LoraPrompt;
import com.pawprint.diffusion.lora.LoraReference;
import com.pawprint.diffusion.lora.LoraUse;
import com.pawprint.diffusion.nn.ModuleRegistry;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.TensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.prompt.PromptChunkingConfig;
import com.pawprint.diffusion.prompt.PromptPairEmbeddings;
import com.pawprint.diffusion.prompt.WeightedPromptEncoder;
import com.pawprint.diffusion.schedulers.DdpmNoiseSchedule;
import com.pawprint.diffusion.schedulers.NoiseScheduleConfig;
import com.pawprint.diffusion.schedulers.NoiseSource;
import com.pawprint.diffusion.schedulers.Sampler;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import com.pawprint.diffusion.unet.UNet2DConditionModel;
import com.pawprint.diffusion.vae.AutoencoderKL;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One loaded Stable Diffusion 1.x model (tokenizer, text encoder, UNet, VAE, noise schedule) on one device, and the
 * text-to-image pipeline over it. The model is shared: runs are serialized by a lock, because adapters a request
 * brings are attached to the shared modules for the duration of that request only.
 *
 * <p>Prompts are encoded as AUTOMATIC1111's WebUI encodes them ({@link WeightedPromptEncoder}): {@code (word)},
 * {@code [word]} and {@code (word:1.3)} weight tokens, {@code BREAK} starts a new chunk, and a prompt longer than 75
 * tokens is encoded in chunks of 75 rather than cut, so the UNet attends to {@code 77 * n} tokens. Prompt and
 * negative prompt are padded with empty chunks to the same length.
 *
 * <p>Memory: each sampler step runs in its own {@link NDScope}, so a run holds the weights, the latents and one
 * step's intermediates; everything a run creates is released when it returns.
 */
public final class StableDiffusion implements AutoCloseable {

    private final ModelConfigs configs;
    private final ComputeDevice device;
    private final ClipTokenizer tokenizer;
    private final ClipTextModel textEncoder;
    private final WeightedPromptEncoder promptEncoder;
    private final UNet2DConditionModel unet;
    private final AutoencoderKL vae;
    private final ModuleRegistry textEncoderModules;
    private final ModuleRegistry unetModules;
    private final DdpmNoiseSchedule noiseSchedule;
    private final NDManager manager;
    private final AutoCloseable weightsOwner;
    private final ReentrantLock runLock = new ReentrantLock(true);

    private StableDiffusion(ModelConfigs configs, ComputeDevice device, ClipTokenizer tokenizer,
            ClipTextModel textEncoder, UNet2DConditionModel unet, AutoencoderKL vae, ModuleRegistry textEncoderModules,
            ModuleRegistry unetModules, NoiseScheduleConfig noiseSchedule, NDManager manager,
            AutoCloseable weightsOwner) {
        if (tokenizer.vocabularySize() > configs.textEncoder().vocabSize()) {
            // An id past the embedding table would crash the native engine, and the JVM with it.
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabularySize()
                    + " tokens but the text encoder embeds only " + configs.textEncoder().vocabSize());
        }
        this.configs = configs;
        this.device = device;
        this.tokenizer = tokenizer;
        this.textEncoder = textEncoder;
        this.promptEncoder = new WeightedPromptEncoder(tokenizer, textEncoder, PromptChunkingConfig.defaults());
        this.unet = unet;
        this.vae = vae;
        this.textEncoderModules = textEncoderModules;
        this.unetModules = unetModules;
        this.noiseSchedule = new DdpmNoiseSchedule(noiseSchedule);
        this.manager = manager;
        this.weightsOwner = weightsOwner;
    }

    /**
     * Loads a diffusers folder or a single-file LDM {@code .safetensors} through the checkpoint loader. A folder
     * declares its configs; a single file means SD 1.5 unless its metadata carries PawPrint's configs
     * ({@link ModelFiles#CONFIG_METADATA_KEY}, what {@code make-tiny} writes), and it gets CLIP's bundled tokenizer,
     * or the {@link ByteLevelVocabulary} when its text encoder's vocabulary is smaller. The scheduler config of a
     * folder is honoured; otherwise SD 1.5's training schedule is used.
     */
    public static StableDiffusion load(Path checkpointPath, ComputeDevice device) {
        try (StableDiffusionCheckpoint checkpoint = StableDiffusionCheckpoint.open(checkpointPath)) {
            ModelConfigs configs = ModelFiles.declaredConfigs(checkpoint);
            StableDiffusionModels models = StableDiffusionModels.load(checkpoint, device, configs);
            NoiseScheduleConfig schedule = models.schedulerConfig().map(NoiseScheduleConfig::fromSchedulerConfig)
                    .orElseGet(NoiseScheduleConfig::sd15);
            try {
                // Single files ship no tokenizer; CLIP's would index past a small generated model's embeddings.
                ClipTokenizer tokenizer = checkpoint.format() == CheckpointFormat.LDM_SINGLE_FILE
                        ? tokenizerFor(configs) : models.tokenizer();
                return new StableDiffusion(configs, device, tokenizer, models.textEncoder(), models.unet(),
                        models.vae(), models.textEncoderModules(), models.unetModules(), schedule, models.manager(),
                        models);
            } catch (RuntimeException e) {
                models.close();
                throw e;
            }
        }
    }

    /**
     * A model of {@code configs} with deterministic random weights (a function of {@code seed} and each weight's
     * name), for tests, benchmarks and trying the pipeline without a checkpoint. Vocabularies smaller than CLIP's
     * get the {@link ByteLevelVocabulary} tokenizer.
     */
    public static StableDiffusion random(ModelConfigs configs, long seed, ComputeDevice device) {
        return generated(configs, device, GeneratedTensorSource.random(seed), GeneratedTensorSource.random(seed + 1),
                GeneratedTensorSource.random(seed + 2));
    }

    /**
     * A model of {@code configs} whose weights are zero-stride views of one zero: the structure and parameter counts
     * of SD 1.5 without gigabytes of memory.
     */
    public static StableDiffusion counting(ModelConfigs configs, ComputeDevice device) {
        return generated(configs, device, GeneratedTensorSource.counting(), GeneratedTensorSource.counting(),
                GeneratedTensorSource.counting());
    }

    private static StableDiffusion generated(ModelConfigs configs, ComputeDevice device, TensorSource text,
            TensorSource unetSource, TensorSource vaeSource) {
        NDManager manager = device.newManager();
        try {
            Weights textWeights = Weights.of(text, manager, device.dtype());
            Weights unetWeights = Weights.of(unetSource, manager, device.dtype());
            Weights vaeWeights = Weights.of(vaeSource, manager, DataType.FLOAT32);
            return new StableDiffusion(configs, device, tokenizerFor(configs),
                    ClipTextModel.load(textWeights, configs.textEncoder()),
                    UNet2DConditionModel.load(unetWeights, configs.unet()),
                    AutoencoderKL.load(vaeWeights, configs.vae()),
                    textWeights.registry(), unetWeights.registry(), NoiseScheduleConfig.sd15(), manager, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static ClipTokenizer tokenizerFor(ModelConfigs configs) {
        ClipTokenizer clip = ClipTokenizer.bundled();
        return clip.vocabularySize() <= configs.textEncoder().vocabSize() ? clip : ByteLevelVocabulary.tokenizer();
    }

    public ModelConfigs configs() {
        return configs;
    }

    public ComputeDevice device() {
        return device;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    public ClipTextModel textEncoder() {
        return textEncoder;
    }

    /** Prompts to embeddings with A1111's weighting and chunking, over this model's tokenizer and text encoder. */
    public WeightedPromptEncoder promptEncoder() {
        return promptEncoder;
    }

    public UNet2DConditionModel unet() {
        return unet;
    }

    public AutoencoderKL vae() {
        return vae;
    }

    public DdpmNoiseSchedule noiseSchedule() {
        return noiseSchedule;
    }

    /** Every Linear/Conv2d of the text encoder by path: the modules text-encoder LoRA attaches to. */
    public ModuleRegistry textEncoderModules() {
        return textEncoderModules;
    }

    /** Every Linear/Conv2d of the UNet by diffusers path: the modules UNet LoRA attaches to. */
    public ModuleRegistry unetModules() {
        return unetModules;
    }

    /** The manager holding the weights; it decides the device. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Holds the model exclusively while {@code work} runs: for callers (trainers, adapters) that change the shared
     * modules and must not overlap a generation. The work runs with autograd off on the calling thread, whichever
     * thread that is ({@link Autograd}).
     */
    public <T> T exclusively(Supplier<T> work) {
        runLock.lock();
        try {
            Autograd.offOnThisThread();
            return work.get();
        } finally {
            runLock.unlock();
        }
    }

    /**
     * The text embedding the UNet attends to, {@code [1, 77 * chunks, hidden]}, in {@code manager}, as A1111 makes
     * it: attention weights applied, one chunk per 75 tokens (see {@link WeightedPromptEncoder}). A prompt of at most
     * 75 tokens without weights gives exactly the plain 77-token encoding of {@link ClipTokenizer#tokenize}, which
     * training captions use. The prompt must not hold {@code <lora:...>} tags any more.
     */
    public NDArray encodePrompt(String prompt, int clipSkip) {
        return promptEncoder.encode(prompt, clipSkip, manager);
    }

    /** {@link #generate(Txt2ImgRequest, LoraResolver, ProgressListener, CancellationToken)} with no LoRA files. */
    public Txt2ImgResult generate(Txt2ImgRequest request) {
        return generate(request, LoraResolver.NONE, ProgressListener.NONE, CancellationToken.NONE);
    }

    /** {@link #generate(Txt2ImgRequest, LoraResolver, ProgressListener, CancellationToken)} with no LoRA files. */
    public Txt2ImgResult generate(Txt2ImgRequest request, ProgressListener progress, CancellationToken cancellation) {
        return generate(request, LoraResolver.NONE, progress, cancellation);
    }

    /**
     * Runs text-to-image: takes the prompt's {@code <lora:name:te[:unet]>} tags out, loads each named file through
     * {@code loras} and attaches it as a side path for this run only, encodes the prompt and the negative prompt,
     * samples latents with classifier-free guidance (the negative prompt is the unconditional branch; both branches
     * go through the UNet as one batch) and decodes them to sRGB. Waits while another run holds the model; the
     * adapters are detached before the next run starts, also when this one fails or is cancelled.
     *
     * @throws IllegalArgumentException      for a tag whose name {@code loras} does not know, or a malformed tag
     * @throws GenerationCancelledException when {@code cancellation} is cancelled before the run finishes
     */
    public Txt2ImgResult generate(Txt2ImgRequest request, LoraResolver loras, ProgressListener progress,
            CancellationToken cancellation) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(loras, "loras");
        LoraPrompt parsed = LoraPrompt.parse(request.prompt());
        List<Path> files = new ArrayList<>();
        for (LoraReference reference : parsed.loras()) {
            files.add(loras.resolve(reference.name()).orElseThrow(() -> new IllegalArgumentException(
                    "the prompt asks for LoRA '" + reference.name() + "', which is not available here")));
        }
        Txt2ImgRequest stripped = request.toBuilder().prompt(parsed.encoderPrompt()).build();
        List<String> applied = parsed.loras().stream().map(StableDiffusion::describe).toList();
        return exclusively(() -> {
            List<LoraNetwork> networks = new ArrayList<>();
            try {
                List<LoraUse> uses = new ArrayList<>();
                LoraBase base = new LoraBase(unetModules, textEncoderModules);
                for (int i = 0; i < files.size(); i++) {
                    LoraNetwork network = LoraNetwork.load(files.get(i), base, manager);
                    networks.add(network);
                    uses.add(new LoraUse(network, parsed.loras().get(i).strength()));
                }
                return generate(stripped, parsed.prompt(), uses, applied, progress, cancellation);
            } finally {
                networks.forEach(LoraNetwork::close);
            }
        });
    }

    /**
     * Runs text-to-image with adapters the caller holds (a LoRA being trained, say), attached as side paths for this
     * run only. The prompt is used as it is: tags in it are not parsed.
     */
    public Txt2ImgResult generate(Txt2ImgRequest request, List<LoraUse> adapters, ProgressListener progress,
            CancellationToken cancellation) {
        return generate(request, request.prompt(), adapters, adapters.stream()
                .map(use -> use.network().metadata().getOrDefault("ss_output_name", "lora") + ":"
                        + use.strength().textEncoder() + ":" + use.strength().unet()).toList(), progress, cancellation);
    }

    /**
     * @param shownPrompt the prompt the result reports: tags removed and tidied, where the encoder reads
     *                    {@code request}'s prompt untidied
     */
    private Txt2ImgResult generate(Txt2ImgRequest request, String shownPrompt, List<LoraUse> adapters,
            List<String> described, ProgressListener progress, CancellationToken cancellation) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
        if (request.clipSkip() > configs.textEncoder().numHiddenLayers()) {
            throw new IllegalArgumentException("clip skip " + request.clipSkip() + " exceeds the text encoder's "
                    + configs.textEncoder().numHiddenLayers() + " layers");
        }
        return exclusively(() -> {
            long started = System.nanoTime();
            try (AppliedLora attached = AppliedLora.apply(LoraMode.SIDE_PATH, adapters);
                    NDScope runScope = new NDScope()) {
                runScope.suppressNotUsedWarning();
                List<BufferedImage> images = run(request, progress, cancellation, started);
                List<Long> seeds = new ArrayList<>();
                for (int i = 0; i < request.batchSize(); i++) {
                    seeds.add(request.seedOf(i));
                }
                return new Txt2ImgResult(images, seeds, shownPrompt, described,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        });
    }

    private static String describe(LoraReference reference) {
        return reference.name() + ":" + reference.strength().textEncoder() + ":" + reference.strength().unet();
    }

    private List<BufferedImage> run(Txt2ImgRequest request, ProgressListener progress,
            CancellationToken cancellation, long started) {
        int batch = request.batchSize();
        boolean guided = request.usesGuidance();
        NDArray context = textContext(request, batch, guided);

        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            seeds.add(request.seedOf(i));
        }
        NoiseSource noise = new PerImageNoise(seeds);
        int factor = configs.vae().downscaleFactor();
        Shape latentShape = new Shape(batch, configs.unet().inChannels(), request.height() / factor,
                request.width() / factor);
        int steps = request.steps();
        try (Sampler sampler = request.sampler().create(noiseSchedule, steps)) {
            NDArray latents;
            try (NDArray unit = noise.gaussian(manager, latentShape)) {
                latents = unit.mul(sampler.initNoiseSigma()).toType(device.dtype(), false);
            }
            float[] timesteps = sampler.timesteps();
            long samplingStarted = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                if (cancellation.isCancelled()) {
                    throw new GenerationCancelledException(step, steps);
                }
                NDArray next;
                try (NDScope stepScope = new NDScope()) {
                    stepScope.suppressNotUsedWarning();
                    NDArray prediction = predictNoise(sampler.scaleModelInput(latents, step), timesteps[step],
                            context, guided ? request.guidanceScale() : 1.0);
                    next = sampler.step(prediction, step, latents, noise);
                    NDScope.unregister(next);
                }
                NDScope.register(next);
                latents.close();
                latents = next;
                progress.onStep(progressAfter(step + 1, steps, started, samplingStarted));
            }
            if (cancellation.isCancelled()) {
                throw new GenerationCancelledException(steps, steps);
            }
            return decode(latents);
        }
    }

    /**
     * {@code [B, 77 * chunks, hidden]} conditional embeddings, preceded by B unconditional ones when guided; the
     * shorter of the two prompts is padded with empty chunks so both branches share one batch.
     */
    private NDArray textContext(Txt2ImgRequest request, int batch, boolean guided) {
        if (!guided) {
            NDArray cond = encodePrompt(request.prompt(), request.clipSkip());
            return batch == 1 ? cond : cond.repeat(0, batch);
        }
        try (PromptPairEmbeddings pair = promptEncoder.encodePair(request.prompt(), request.negativePrompt(),
                request.clipSkip(), manager)) {
            return NDArrays.concat(new NDList(pair.negativePrompt().repeat(0, batch),
                    pair.prompt().repeat(0, batch)), 0);
        }
    }

    /** The guided noise prediction: {@code uncond + g (cond - uncond)}, both branches in one UNet call. */
    private NDArray predictNoise(NDArray modelInput, float timestep, NDArray context, double guidance) {
        NDArray t = manager.create(new float[] {timestep});
        if (context.getShape().get(0) == modelInput.getShape().get(0)) {
            return unet.forward(modelInput, t, context);
        }
        NDArray doubled = NDArrays.concat(new NDList(modelInput, modelInput), 0);
        NDArray both = unet.forward(doubled, t, context);
        doubled.close();
        NDList halves = both.split(2, 0);
        NDArray uncond = halves.get(0);
        NDArray cond = halves.get(1);
        return uncond.add(cond.sub(uncond).muli(guidance));
    }

    private List<BufferedImage> decode(NDArray latents) {
        try (NDScope decodeScope = new NDScope()) {
            decodeScope.suppressNotUsedWarning();
            NDArray scaled = latents.toType(DataType.FLOAT32, false).div(vae.scalingFactor());
            return SrgbImages.fromDecoded(vae.decode(scaled));
        }
    }

    private static StepProgress progressAfter(int done, int total, long started, long samplingStarted) {
        long now = System.nanoTime();
        long perStep = (now - samplingStarted) / done;
        return new StepProgress(done, total, Duration.ofNanos(now - started),
                Duration.ofNanos(perStep * (total - done)));
    }

    /** Releases the weights. Waits for a running generation. */
    @Override
    public void close() {
        runLock.lock();
        try {
            weightsOwner.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the weights", e);
        } finally {
            runLock.unlock();
        }
    }
}
