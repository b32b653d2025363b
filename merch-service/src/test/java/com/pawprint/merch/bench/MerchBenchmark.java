package com.pawprint.merch.bench;

import com.pawprint.imaging.DecodeLimits;
import com.pawprint.imaging.JpegEncoder;
import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;
import com.pawprint.imaging.SafeDecoder;
import com.pawprint.imaging.SrgbConverter;
import com.pawprint.merch.catalog.Catalog;
import com.pawprint.merch.catalog.Product;
import com.pawprint.merch.compose.MockupPainter;
import com.pawprint.merch.compose.PrintComposer;
import com.pawprint.merch.compose.PrintFiles;
import com.pawprint.merch.compose.PrintImage;
import com.pawprint.samples.Species;
import com.pawprint.samples.SyntheticPets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The T-shirt print file (3600 x 4800, background removed, Lanczos-3, PNG with sRGB and 300 DPI) plus its 1000 px
 * mockup and 256 px thumbnail, made by merch-service's code and by ImageMagick (bench/tshirt-imagemagick.sh: the
 * same resize and composite), in alternating rounds so both see the same machine load. Prints wall and CPU time
 * per round and the median ratios.
 * <pre>
 * merch-service/bench/tshirt-vs-imagemagick.sh --rounds 5
 * </pre>
 */
public final class MerchBenchmark {

    private record Cost(double wallMs, double cpuMs) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length == 2 && args[0].equals("--rounds") ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("merch-bench");
        Path design = work.resolve("design.png");
        BufferedImage pet = Resampler.resize(SyntheticPets.random(Species.CAT, 7).image(), 512, 512,
                ResampleFilter.LANCZOS3);
        Files.write(design, SyntheticPets.png(pet));
        Product tshirt;
        try (InputStream yaml = MerchBenchmark.class.getResourceAsStream("/catalog.yaml")) {
            tshirt = Catalog.read(yaml).product("tshirt").orElseThrow();
        }
        Path script = Path.of("merch-service/bench/tshirt-imagemagick.sh").toAbsolutePath();
        System.out.printf("merch T-shirt benchmark: %d rounds, %d cores, Java %s, %s%n", rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), imageMagickVersion());
        javaRound(design, work.resolve("java"), tshirt);
        List<Cost> java = new ArrayList<>();
        List<Cost> magick = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Cost j = javaRound(design, work.resolve("java"), tshirt);
            Cost m = imageMagickRound(script, design, work.resolve("magick"));
            java.add(j);
            magick.add(m);
            System.out.printf("round %d: java %.0f ms wall / %.0f ms cpu; imagemagick %.0f ms wall / %.0f ms cpu%n",
                    round, j.wallMs, j.cpuMs, m.wallMs, m.cpuMs);
        }
        double javaWall = median(java.stream().map(Cost::wallMs).toList());
        double javaCpu = median(java.stream().map(Cost::cpuMs).toList());
        double magickWall = median(magick.stream().map(Cost::wallMs).toList());
        double magickCpu = median(magick.stream().map(Cost::cpuMs).toList());
        System.out.printf("median: java %.0f ms wall / %.0f ms cpu; imagemagick %.0f ms wall / %.0f ms cpu%n",
                javaWall, javaCpu, magickWall, magickCpu);
        System.out.printf("ratio java / imagemagick: wall %.2fx, cpu %.2fx (files in %s)%n", javaWall / magickWall,
                javaCpu / magickCpu, work);
    }

    private static Cost javaRound(Path design, Path out, Product tshirt) throws IOException {
        Files.createDirectories(out);
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        BufferedImage decoded = new SafeDecoder(DecodeLimits.defaults()).decode(Files.readAllBytes(design)).value()
                .image();
        BufferedImage rgb = decoded.getType() == BufferedImage.TYPE_INT_RGB ? decoded
                : SrgbConverter.toOpaqueSrgb(decoded);
        var placement = tshirt.placements().get(0);
        PrintImage print = new PrintComposer(20, 40, 2).compose(rgb, placement, null, placement.background());
        Files.write(out.resolve("print.png"), PrintFiles.png(print.image(), placement.dpi()));
        BufferedImage mockup = MockupPainter.paint(tshirt.mockup(), tshirt.defaultVariant().rgb(), print, placement,
                1000);
        Files.write(out.resolve("mockup.jpg"), JpegEncoder.encode(mockup, 0.88f));
        Files.write(out.resolve("thumb.jpg"), JpegEncoder.encode(
                Resampler.fitLongSide(mockup, 256, ResampleFilter.LANCZOS3), 0.88f));
        return new Cost((System.nanoTime() - start) / 1e6, (processCpuNanos() - cpu) / 1e6);
    }

    private static Cost imageMagickRound(Path script, Path design, Path out) throws Exception {
        Files.createDirectories(out);
        long cpu = childrenCpuNanos();
        long start = System.nanoTime();
        Process process = new ProcessBuilder("bash", script.toString(), design.toString(), out.toString())
                .inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("ImageMagick failed: " + script);
        }
        // waitFor returns once the child was reaped, which is when the kernel adds its CPU time to ours.
        return new Cost((System.nanoTime() - start) / 1e6, (childrenCpuNanos() - cpu) / 1e6);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** cutime + cstime from /proc/self/stat: CPU used by reaped child processes, in clock ticks of 10 ms. */
    private static long childrenCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000_000L;
    }

    private static String imageMagickVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("convert", "-version").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
        process.waitFor();
        return first;
    }
}
