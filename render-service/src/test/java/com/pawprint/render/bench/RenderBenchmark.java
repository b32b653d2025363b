package com.pawprint.render.bench;

import static com.pawprint.testsupport.Benchmarks.loadAverage;
import static com.pawprint.testsupport.Benchmarks.median;
import static com.pawprint.testsupport.Benchmarks.option;
import static com.pawprint.testsupport.Benchmarks.seconds;
import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.infotext.EngineVersion;
import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.lora.LoraBase;
import com.pawprint.diffusion.lora.LoraNetwork;
import com.pawprint.diffusion.lora.LoraPrompt;
import com.pawprint.diffusion.lora.LoraReference;
import com.pawprint.diffusion.lora.LoraUse;
import com.pawprint.diffusion.pipeline.CancellationToken;
import com.pawprint.diffusion.pipeline.LoraResolver;
import com.pawprint.diffusion.pipeline.ProgressListener;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.pipeline.Txt2ImgResult;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.render.RenderFixtures;
import com.pawprint.render.config.RenderConfig;
import com.pawprint.render.service.ClaimedTask;
import com.pawprint.render.service.LoraCache;
import com.pawprint.render.service.RenderOutputs;
import com.pawprint.storage.InMemoryObjectStore;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * render-service throughput with four tenants' LoRAs interleaved (A,B,C,D,A,B,...) against the same images one
 * tenant at a time (AAAA,BBBB,...), on one loaded base model. A figure printer, not a test (docs/performance.md,
 * "Rendering service", has the command and the figures).
 *
 * <p>Each image is one claimed on-demand task of one image, rendered the way {@code RenderRunner.render} does it:
 * the prompt's {@code <lora:...>} tags parsed ({@link LoraPrompt}), each LoRA taken from the service's own
 * {@link LoraCache} (file fetched from the object store once, kept by sha256, network loaded once beside the model),
 * attached as a side path for that image only through
 * {@link StableDiffusion#generate(Txt2ImgRequest, List, ProgressListener, CancellationToken)}, and the PNG with its
 * A1111 parameters plus the JPEG preview stored by the service's own {@link RenderOutputs} (into an in-memory
 * object store). What is mirrored rather than called: {@code RenderRunner} itself needs the database
 * ({@code TaskLeases}, the {@code PetLora} lookup of a tag's name, per-step progress rows), so the name-to-key lookup is
 * a map here and no lease or progress rows are written; {@code Infotexts} is package-private, so its three lines are
 * copied (the model hash is a fixed string: the model is not in a registry).
 *
 * <p>Also measured: what the cache saves, a LoRA file loaded for every image (a cold {@link LoraCache#get}: fetch,
 * sha256, parse, A1111 hash; and the engine's own per-file path, {@code generate} with a {@link LoraResolver}, which
 * loads and closes the network on every call), and whether both orders give pixel-identical images.
 *
 * <p>Arguments: {@code [--config tiny|small]} (small: the PyTorch anchor's UNet, as DiffusionBenchmark's)
 * {@code [--size px]} {@code [--steps n]} {@code [--tenants n]} {@code [--images n]} (per tenant)
 * {@code [--rounds n]} (timed rounds of each order, after one warm-up pass).
 */
public final class RenderBenchmark {

    private record Tenant(String id, UUID pet, String loraName, String key, Path file) {
    }

    /** One claimed task of one image, as TaskLeases would hand it out. */
    private record Job(Tenant tenant, int index, ClaimedTask task) {
    }

    private record Cost(double wallS, double cpuS) {
    }

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String configName = option(args, "--config", "tiny");
        int size = Integer.parseInt(option(args, "--size", "128"));
        int steps = Integer.parseInt(option(args, "--steps", "4"));
        int tenantCount = Integer.parseInt(option(args, "--tenants", "4"));
        int perTenant = Integer.parseInt(option(args, "--images", "4"));
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));
        Path work = Files.createTempDirectory("render-bench");
        ModelConfigs configs = configName.equals("small") ? ModelConfigs.small() : ModelConfigs.tiny();

        System.out.printf(Locale.ROOT, "render benchmark: config %s, %d px, %d steps (Euler a, CFG 7), %d tenants x %d"
                        + " images, %d rounds; %d cores, Java %s, OMP_WAIT_POLICY=%s, load average %s%n", configName,
                size, steps, tenantCount, perTenant, rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getenv().getOrDefault("OMP_WAIT_POLICY", "(default)"),
                loadAverage());
        try (StableDiffusion model = StableDiffusion.random(configs, 0, ComputeDevice.cpu())) {
            ObjectStore store = new InMemoryObjectStore();
            RenderConfig config = new BenchConfig(work);
            List<Tenant> tenants = new ArrayList<>();
            for (int t = 0; t < tenantCount; t++) {
                String id = "tenant-" + (char) ('a' + t);
                UUID pet = UUID.nameUUIDFromBytes(id.getBytes());
                String name = "pet" + (char) ('a' + t);
                Path file = RenderFixtures.lora(model, 100 + t, work.resolve(name + ".safetensors"));
                String key = ObjectKeys.pet(id, pet.toString()).loraFile("v1", name + ".safetensors");
                store.put(key, Files.readAllBytes(file), "application/octet-stream");
                tenants.add(new Tenant(id, pet, name, key, file));
            }
            Map<String, Tenant> byName = new HashMap<>();
            tenants.forEach(tenant -> byName.put(tenant.loraName(), tenant));

            List<Job> grouped = new ArrayList<>();
            for (Tenant tenant : tenants) {
                for (int i = 0; i < perTenant; i++) {
                    grouped.add(job(tenant, i, size, steps));
                }
            }
            List<Job> interleaved = new ArrayList<>();
            for (int i = 0; i < perTenant; i++) {
                for (Tenant tenant : tenants) {
                    interleaved.add(grouped.get(tenants.indexOf(tenant) * perTenant + i));
                }
            }
            int images = grouped.size();

            LoraCache cache = new LoraCache(store, config);
            RenderOutputs outputs = new RenderOutputs(store, config);
            Map<String, int[]> reference = new LinkedHashMap<>();
            Cost warm = timed(() -> render(grouped, model, cache, outputs, byName, reference));
            System.out.printf(Locale.ROOT, "warm-up (grouped, LoRAs loaded into the cache): %.2f s wall%n", warm.wallS());

            List<Cost> inter = new ArrayList<>();
            List<Cost> group = new ArrayList<>();
            Map<String, int[]> interImages = new LinkedHashMap<>();
            Map<String, int[]> groupImages = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                // Alternate which order goes first, so a drift in machine load hits both alike.
                boolean interFirst = round % 2 == 1;
                Cost a = timed(() -> render(interFirst ? interleaved : grouped, model, cache, outputs, byName,
                        interFirst ? interImages : groupImages));
                Cost b = timed(() -> render(interFirst ? grouped : interleaved, model, cache, outputs, byName,
                        interFirst ? groupImages : interImages));
                Cost i = interFirst ? a : b;
                Cost g = interFirst ? b : a;
                inter.add(i);
                group.add(g);
                System.out.printf(Locale.ROOT, "round %d: interleaved %.2f s wall / %.2f s CPU, grouped %.2f s wall / "
                        + "%.2f s CPU, ratio (grouped/interleaved time) %.3f; load average %s%n", round, i.wallS(),
                        i.cpuS(), g.wallS(), g.cpuS(), g.wallS() / i.wallS(), loadAverage());
            }
            if (cache.size() != tenantCount) {
                throw new IllegalStateException("expected " + tenantCount + " cached LoRAs, found " + cache.size());
            }

            // What the cache saves: the LoRA file loaded for every image.
            double[] hit = new double[images];
            double[] cold = new double[images];
            double[] parse = new double[images];
            for (int n = 0; n < images; n++) {
                Tenant tenant = interleaved.get(n).tenant();
                long start = System.nanoTime();
                cache.get(tenant.key(), model);
                hit[n] = seconds(start);
                Path coldDir = work.resolve("cold-" + n);
                LoraCache fresh = new LoraCache(store, new BenchConfig(coldDir));
                start = System.nanoTime();
                fresh.get(tenant.key(), model);
                cold[n] = seconds(start);
                closeQuietly(fresh);
                start = System.nanoTime();
                try (LoraNetwork network = LoraNetwork.load(tenant.file(),
                        new LoraBase(model.unetModules(), model.textEncoderModules()), model.manager())) {
                    parse[n] = seconds(start);
                }
            }
            Map<String, Path> files = new HashMap<>();
            tenants.forEach(tenant -> files.put(tenant.loraName(), tenant.file()));
            LoraResolver resolver = LoraResolver.of(files);
            Map<String, int[]> reloadImages = new LinkedHashMap<>();
            List<Cost> reload = new ArrayList<>();
            for (int round = 1; round <= Math.max(1, rounds / 2); round++) {
                reload.add(timed(() -> renderReloading(interleaved, model, resolver, outputs, reloadImages)));
            }

            double interWall = median(inter.stream().mapToDouble(Cost::wallS).toArray());
            double groupWall = median(group.stream().mapToDouble(Cost::wallS).toArray());
            double interCpu = median(inter.stream().mapToDouble(Cost::cpuS).toArray());
            double groupCpu = median(group.stream().mapToDouble(Cost::cpuS).toArray());
            double reloadWall = median(reload.stream().mapToDouble(Cost::wallS).toArray());
            double[] roundRatios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                roundRatios[r] = group.get(r).wallS() / inter.get(r).wallS();
            }
            System.out.println();
            print("interleaved A,B,C,D,A,...: wall s per pass (median)", interWall,
                    String.format(Locale.ROOT, "%.1f images/min; CPU %.2f s", images * 60 / interWall, interCpu));
            print("grouped AAAA,BBBB,...: wall s per pass (median)", groupWall,
                    String.format(Locale.ROOT, "%.1f images/min; CPU %.2f s", images * 60 / groupWall, groupCpu));
            print("RATIO interleaved/grouped images per minute", groupWall / interWall,
                    String.format(Locale.ROOT, "(CPU time: %.3f; median of per-round ratios %.3f; goal >= 0.95)",
                            groupCpu / interCpu, median(roundRatios)));
            print("per image, interleaved (wall s)", interWall / images, "");
            print("LoraCache.get, cached (ms, median)", median(hit) * 1000, "");
            print("LoraCache.get, cold: fetch+sha256+load (ms, median)", median(cold) * 1000, "");
            print("LoraNetwork.load of the file alone (ms, median)", median(parse) * 1000, "");
            print("interleaved, file loaded per image (engine LoraResolver path): wall s per pass", reloadWall,
                    String.format(Locale.ROOT, "%.1f images/min, %.3fx the cached interleaved rate (%d passes)",
                            images * 60 / reloadWall, interWall / reloadWall, reload.size()));
            print("LoRA file size (KiB)", Files.size(tenants.get(0).file()) / 1024.0, "");

            boolean same = identical(interImages, groupImages) && identical(interImages, reference);
            boolean sameReload = identical(interImages, reloadImages);
            int distinct = 0;
            for (int i = 0; i < perTenant; i++) {
                int[] first = interImages.get(tenants.get(0).id() + "/" + i);
                for (int t = 1; t < tenantCount; t++) {
                    if (!Arrays.equals(first, interImages.get(tenants.get(t).id() + "/" + i))) {
                        distinct++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "IMAGES interleaved vs grouped (and warm-up): %s over %d images; file-per-image"
                            + " path vs cached: %s; same seed, other tenant's LoRA gives a different image: %d of %d%n",
                    same ? "pixel-identical" : "DIFFERENT", images, sameReload ? "pixel-identical" : "DIFFERENT",
                    distinct, perTenant * (tenantCount - 1));
            System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
            if (!same) {
                System.exit(1);
            }
        }
    }

    private static Job job(Tenant tenant, int index, int size, int steps) {
        // All tenants use the same seed, so the LoRA is the only difference between their images.
        String prompt = "<lora:" + tenant.loraName() + ":1> a photo of a cat on a sofa, sticker style";
        ClaimedTask task = new ClaimedTask(UUID.randomUUID(), "bench", tenant.id(), tenant.pet(), null, null, null,
                prompt, "blurry, lowres", "Euler a", steps, 7.0, size, size, 1000 + index, 1, "tiny-sd", List.of(), 1);
        return new Job(tenant, index, task);
    }

    /** RenderRunner.render for each one-image task, in the given order. */
    private static void render(List<Job> jobs, StableDiffusion model, LoraCache cache, RenderOutputs outputs,
                               Map<String, Tenant> byName, Map<String, int[]> pixels) {
        for (Job job : jobs) {
            ClaimedTask task = job.task();
            LoraPrompt parsed = LoraPrompt.parse(task.prompt());
            List<LoraUse> uses = new ArrayList<>();
            Map<String, String> hashes = new LinkedHashMap<>();
            for (LoraReference reference : parsed.loras()) {
                Tenant owner = byName.get(reference.name()); // RenderRunner: PetLora.named(tenant, pet, name)
                LoraCache.CachedLora cached = cache.get(owner.key(), model);
                uses.add(new LoraUse(cached.network(), reference.strength()));
                hashes.put(reference.name(), cached.a1111Hash());
            }
            Txt2ImgRequest request = request(task, parsed.encoderPrompt());
            for (int index = 0; index < task.imageCount(); index++) {
                long seed = task.seed() + index;
                Txt2ImgResult result = model.generate(request.toBuilder().seed(seed).build(), uses, step -> { },
                        CancellationToken.NONE);
                store(outputs, task, index, seed, request, hashes, result.images().get(0));
                pixels.put(key(job, index), pixels(result.images().get(0)));
            }
        }
    }

    /** The same tasks with the LoRA file loaded, attached and closed on every image (no cache). */
    private static void renderReloading(List<Job> jobs, StableDiffusion model, LoraResolver resolver,
                                        RenderOutputs outputs, Map<String, int[]> pixels) {
        for (Job job : jobs) {
            ClaimedTask task = job.task();
            Txt2ImgRequest request = request(task, task.prompt());
            for (int index = 0; index < task.imageCount(); index++) {
                long seed = task.seed() + index;
                Txt2ImgResult result = model.generate(request.toBuilder().seed(seed).build(), resolver,
                        ProgressListener.NONE, CancellationToken.NONE);
                store(outputs, task, index, seed, request, Map.of(), result.images().get(0));
                pixels.put(key(job, index), pixels(result.images().get(0)));
            }
        }
    }

    private static Txt2ImgRequest request(ClaimedTask task, String prompt) {
        return Txt2ImgRequest.builder(prompt).negativePrompt(task.negativePrompt()).steps(task.steps())
                .guidanceScale(task.cfgScale()).size(task.width(), task.height())
                .sampler(SamplerKind.fromName(task.sampler())).build();
    }

    /** RenderOutputs.store with the parameters Infotexts.of builds. */
    private static void store(RenderOutputs outputs, ClaimedTask task, int index, long seed, Txt2ImgRequest request,
                              Map<String, String> hashes, BufferedImage image) {
        GenerationParameters parameters = GenerationParameters.of(
                request.toBuilder().prompt(task.prompt()).seed(seed).build(), "0123456789", task.baseModel(), hashes,
                EngineVersion.infotext());
        outputs.store(task, index, seed, image, parameters);
    }

    private static String key(Job job, int index) {
        return job.tenant().id() + "/" + (job.index() + index);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static boolean identical(Map<String, int[]> a, Map<String, int[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    private static Cost timed(Runnable work) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        work.run();
        return new Cost(seconds(start), (processCpuNanos() - cpu) / 1e9);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void closeQuietly(LoraCache cache) {
        try {
            var close = LoraCache.class.getDeclaredMethod("close");
            close.setAccessible(true);
            close.invoke(cache);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String work, double value, String note) {
        System.out.printf(Locale.ROOT, "BENCH %-80s %10.3f %s%n", work, value, note);
    }

    /** The service's settings with their defaults; the LoRA file cache in {@code workDir}. */
    private record BenchConfig(Path workDir) implements RenderConfig {
        @Override
        public String device() {
            return "cpu";
        }

        @Override
        public Optional<String> stylesFile() {
            return Optional.empty();
        }

        @Override
        public int loraCacheSize() {
            return 8;
        }

        @Override
        public int previewSize() {
            return 512;
        }

        @Override
        public Limits limits() {
            throw new UnsupportedOperationException("not used by LoraCache or RenderOutputs");
        }

        @Override
        public Worker worker() {
            return new Worker() {
                @Override
                public boolean enabled() {
                    return true;
                }

                @Override
                public Duration pollInterval() {
                    return Duration.ofSeconds(1);
                }

                @Override
                public Duration leaseDuration() {
                    return Duration.ofMinutes(2);
                }

                @Override
                public int groupSize() {
                    return 4;
                }

                @Override
                public int maxAttempts() {
                    return 3;
                }
            };
        }
    }
}
