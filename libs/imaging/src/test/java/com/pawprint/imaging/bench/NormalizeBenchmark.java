package com.pawprint.imaging.bench;

import com.pawprint.imaging.DecodeLimits;
import com.pawprint.imaging.DecodedImage;
import com.pawprint.imaging.ImageHeader;
import com.pawprint.imaging.JpegEncoder;
import com.pawprint.imaging.NormalizeOptions;
import com.pawprint.imaging.NormalizedImages;
import com.pawprint.imaging.Normalizer;
import com.pawprint.imaging.Resampler;
import com.pawprint.imaging.SafeDecoder;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Normalizing a 12 MP JPEG (decode, long side to 1024 with Lanczos-3, sRGB, JPEG q92) in Java side by side with
 * libvips' {@code vipsthumbnail} doing the same, interleaved round by round so both see the same machine load.
 * Prints per-image medians and their ratio (target: Java at most 1.5x vipsthumbnail).
 *
 * <pre>
 * ./mvnw -q -pl libs/imaging test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.pawprint.imaging.bench.NormalizeBenchmark [-Dexec.args="--rounds 7 --batch 8 --photo x.jpg"]
 * </pre>
 * or {@code libs/imaging/bench/normalize-vs-vips.sh}.
 */
public final class NormalizeBenchmark {

    /** Per-image wall time and CPU time (all threads of the process doing the work), in milliseconds. */
    private record Cost(double wall, double cpu) {
    }

    private static final int TARGET = 1024;
    private static final String QUALITY = "92";

    private NormalizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 7;
        int batch = 8;
        Path photo = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--photo" -> photo = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("pawprint-bench");
        if (photo == null) {
            photo = work.resolve("photo-12mp.jpg");
            Files.write(photo, JpegEncoder.encode(syntheticPhoto(4000, 3000, 12), 0.9f));
        }
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            Path copy = work.resolve("in-" + i + ".jpg");
            Files.copy(photo, copy);
            inputs.add(copy);
        }
        Path javaOut = Files.createDirectories(work.resolve("java"));
        Path vipsOut = Files.createDirectories(work.resolve("vips"));

        SafeDecoder decoder = new SafeDecoder(DecodeLimits.defaults());
        Normalizer normalizer = new Normalizer(NormalizeOptions.defaults(), decoder);
        ImageHeader header = decoder.inspect(Files.readAllBytes(photo)).value();
        boolean vips = vipsAvailable();

        System.out.printf(Locale.ROOT, "photo: %dx%d JPEG, %.2f MB; target long side %d, JPEG q%s%n",
                header.width(), header.height(), Files.size(photo) / 1e6, TARGET, QUALITY);
        System.out.printf(Locale.ROOT, "machine: %d cores visible to the JVM, %s %s; java.version %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("os.name"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "java: decode subsampling %d (shrink-on-load), filter %s%n",
                normalizer.subsamplingFor(header), normalizer.options().filter());
        if (!vips) {
            System.out.println("vipsthumbnail not found: apt-get install -y libvips-tools; Java figures only");
        }

        for (int i = 0; i < 3; i++) {
            javaNormalizedCopy(inputs, javaOut, decoder, normalizer);
        }
        if (vips) {
            vipsThumbnail(inputs, vipsOut);
        }

        Cost[] java = new Cost[rounds];
        Cost[] javaFull = new Cost[rounds];
        Cost[] vipsCosts = new Cost[rounds];
        for (int round = 0; round < rounds; round++) {
            java[round] = javaNormalizedCopy(inputs, javaOut, decoder, normalizer);
            vipsCosts[round] = vips ? vipsThumbnail(inputs, vipsOut) : new Cost(Double.NaN, Double.NaN);
            javaFull[round] = javaNormalizeWithThumbnail(inputs, javaOut, normalizer);
            System.out.printf(Locale.ROOT, "round %d: java %.1f ms/image (cpu %.1f), vipsthumbnail %.1f ms/image"
                    + " (cpu %.1f), java normalized+thumbnail %.1f ms/image (cpu %.1f)%n", round + 1,
                    java[round].wall(), java[round].cpu(), vipsCosts[round].wall(), vipsCosts[round].cpu(),
                    javaFull[round].wall(), javaFull[round].cpu());
        }
        System.out.println();
        System.out.println("medians, per image              wall ms    cpu ms");
        printMedian("java normalized copy", java);
        printMedian("vipsthumbnail (same output)", vipsCosts);
        printMedian("java normalized + thumbnail", javaFull);
        if (vips) {
            System.out.printf(Locale.ROOT, "ratio java / vipsthumbnail: wall %.2fx, cpu %.2fx (target <= 1.5x)%n",
                    median(java, Cost::wall) / median(vipsCosts, Cost::wall),
                    median(java, Cost::cpu) / median(vipsCosts, Cost::cpu));
            System.out.printf(Locale.ROOT, "single vipsthumbnail process incl. start-up: %.1f ms%n",
                    vipsThumbnail(inputs.subList(0, 1), vipsOut).wall());
        }
        breakdown(Files.readAllBytes(photo), decoder, normalizer);
    }

    /** The normalized copy alone: what vipsthumbnail makes. File read and write included on both sides. */
    private static Cost javaNormalizedCopy(List<Path> inputs, Path out, SafeDecoder decoder, Normalizer normalizer)
            throws IOException {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (Path input : inputs) {
            byte[] bytes = Files.readAllBytes(input);
            ImageHeader header = decoder.inspect(bytes).value();
            DecodedImage decoded = decoder.decode(bytes, normalizer.subsamplingFor(header)).value();
            BufferedImage small = Resampler.fitLongSide(decoded.image(), TARGET, normalizer.options().filter());
            Files.write(out.resolve(input.getFileName()), JpegEncoder.encode(small, 0.92f));
        }
        return perImage(start, cpu, processCpuNanos(), inputs.size());
    }

    private static Cost javaNormalizeWithThumbnail(List<Path> inputs, Path out, Normalizer normalizer)
            throws IOException {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (Path input : inputs) {
            NormalizedImages images = normalizer.normalize(Files.readAllBytes(input)).value();
            Files.write(out.resolve(input.getFileName()), images.normalized().bytes());
            Files.write(out.resolve("thumb-" + input.getFileName()), images.thumbnail().bytes());
        }
        return perImage(start, cpu, processCpuNanos(), inputs.size());
    }

    /**
     * One vipsthumbnail process for the whole batch, so its start-up is spread as the JVM's warm-up is. Its CPU
     * time is what the kernel adds to this process's "children" times once the process is reaped.
     */
    private static Cost vipsThumbnail(List<Path> inputs, Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("vipsthumbnail", "--size", Integer.toString(TARGET), "-o",
                out.resolve("%s.jpg").toString() + "[Q=" + QUALITY + ",strip]"));
        inputs.forEach(input -> command.add(input.toString()));
        long cpu = childrenCpuNanos();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("vipsthumbnail failed: " + command);
        }
        // waitFor returns once the child was reaped (waitpid), which is when the kernel adds its CPU time to ours.
        return perImage(start, cpu, childrenCpuNanos(), inputs.size());
    }

    private static Cost perImage(long start, long cpuStart, long cpuEnd, int images) {
        return new Cost((System.nanoTime() - start) / 1e6 / images, (cpuEnd - cpuStart) / 1e6 / images);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** cutime + cstime from /proc/self/stat: CPU used by reaped child processes, in clock ticks of 10 ms. */
    private static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean vipsAvailable() {
        try {
            return new ProcessBuilder("vipsthumbnail", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void breakdown(byte[] bytes, SafeDecoder decoder, Normalizer normalizer) {
        int runs = 5;
        Cost[] decode = new Cost[runs];
        Cost[] resize = new Cost[runs];
        Cost[] encode = new Cost[runs];
        ImageHeader header = decoder.inspect(bytes).value();
        for (int i = 0; i < runs; i++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            DecodedImage decoded = decoder.decode(bytes, normalizer.subsamplingFor(header)).value();
            decode[i] = perImage(start, cpu, processCpuNanos(), 1);
            cpu = processCpuNanos();
            start = System.nanoTime();
            BufferedImage small = Resampler.fitLongSide(decoded.image(), TARGET, normalizer.options().filter());
            resize[i] = perImage(start, cpu, processCpuNanos(), 1);
            cpu = processCpuNanos();
            start = System.nanoTime();
            JpegEncoder.encode(small, 0.92f);
            encode[i] = perImage(start, cpu, processCpuNanos(), 1);
        }
        System.out.println("java breakdown, median of " + runs + "   wall ms    cpu ms");
        printMedian("  decode (+ sRGB, orientation)", decode);
        printMedian("  resize to " + TARGET, resize);
        printMedian("  JPEG encode", encode);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(Cost[] costs, ToDoubleFunction<Cost> part) {
        return median(Arrays.stream(costs).mapToDouble(part).toArray());
    }

    private static void printMedian(String label, Cost[] costs) {
        System.out.printf(Locale.ROOT, "%-30s %9.1f %9.1f%n", label, median(costs, Cost::wall),
                median(costs, Cost::cpu));
    }

    /**
     * A photo-like 12 MP picture: smooth gradient, soft-edged shapes and sensor grain, which compresses like a
     * camera JPEG (about 2 MB at q90) rather than like flat synthetic art.
     */
    static BufferedImage syntheticPhoto(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x8AA0B8), width, height, new Color(0x5A4030)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 300; i++) {
            g.setColor(new Color(random.nextInt()));
            int size = 20 + random.nextInt(600);
            g.fillOval(random.nextInt(width), random.nextInt(height), size, size * (1 + random.nextInt(2)));
        }
        g.dispose();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int grain = (int) (random.nextGaussian() * 3);
            pixels[i] = clamp(((p >> 16) & 0xFF) + grain) << 16 | clamp(((p >> 8) & 0xFF) + grain) << 8
                    | clamp((p & 0xFF) + grain);
        }
        return image;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
