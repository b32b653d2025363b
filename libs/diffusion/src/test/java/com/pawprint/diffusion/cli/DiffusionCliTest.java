package com.pawprint.diffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.infotext.A1111Hashes;
import com.pawprint.diffusion.infotext.EngineVersion;
import com.pawprint.diffusion.infotext.GenerationParameters;
import com.pawprint.diffusion.loader.ModelConfigs;
import com.pawprint.diffusion.pipeline.StableDiffusion;
import com.pawprint.diffusion.pipeline.TestLoras;
import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.schedulers.SamplerKind;
import com.pawprint.imaging.PngTextReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffusionCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final DiffusionCli cli = new DiffusionCli(new PrintStream(printed, true, StandardCharsets.UTF_8));

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void makeTinySummaryAndGenerateEndToEnd() throws IOException {
        cli.run(List.of("make-tiny", dir.toString()));
        Path single = dir.resolve("tiny.safetensors");
        assertTrue(Files.isRegularFile(single));
        assertTrue(Files.isRegularFile(dir.resolve("tiny-diffusers/unet/config.json")));

        cli.run(List.of("summary", single.toString()));
        assertTrue(output().contains("format: LDM_SINGLE_FILE"), output());
        assertTrue(output().contains("blockOutChannels=[32, 32, 64, 64]"), output());
        assertTrue(output().contains("pawprint.diffusers_configs = "), output());
        assertTrue(output().matches("(?s).*unet: [0-9,]+ tensors, [0-9,]+ parameters.*total: [0-9,]+ parameters.*"),
                output());

        Path out = dir.resolve("out/cat.png");
        cli.run(List.of("generate", "--model", single.toString(), "--prompt", "a cat", "--negative", "blurry",
                "--steps", "2", "--width", "72", "--height", "48", "--seed", "3", "--sampler", "dpmpp_2m_karras",
                "--device", "cpu", "--batch", "2", "--out", out.toString()));
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(72, image.getWidth());
        assertEquals(48, image.getHeight());
        assertTrue(Files.isRegularFile(dir.resolve("out/cat-1.png")));
        assertTrue(output().contains("step 2/2"), output());
        assertTrue(output().contains("(seed 4, 72x48)"), output());
        Txt2ImgRequest asked = Txt2ImgRequest.builder("a cat").negativePrompt("blurry").steps(2).size(72, 48)
                .seed(3).sampler(SamplerKind.DPMPP_2M_KARRAS).build();
        GenerationParameters first = parameters(out);
        assertEquals(asked, first.toRequest());
        assertEquals(A1111Hashes.checkpoint(single), first.modelHash());
        assertEquals("tiny", first.modelName());
        assertEquals(EngineVersion.infotext(), first.version());
        assertEquals(asked.toBuilder().seed(4).build(), parameters(dir.resolve("out/cat-1.png")).toRequest(),
                "each image of a batch carries its own seed");

        Path lora;
        try (StableDiffusion tiny = StableDiffusion.random(ModelConfigs.tiny(), 0, ComputeDevice.cpu())) {
            lora = TestLoras.write(tiny, dir.resolve("my-pet.safetensors"));
        }
        Path plain = dir.resolve("plain.png");
        Path adapted = dir.resolve("adapted.png");
        List<String> common = List.of("generate", "--model", single.toString(), "--prompt", "a cat", "--steps", "1",
                "--width", "64", "--height", "64", "--device", "cpu", "--out");
        cli.run(concat(common, plain.toString()));
        cli.run(concat(concat(common, adapted.toString()), "--lora", lora + ":0.8"));
        assertFalse(Arrays.equals(Files.readAllBytes(plain), Files.readAllBytes(adapted)), "--lora changes the image");
        GenerationParameters withLora = parameters(adapted);
        assertEquals("<lora:my-pet:0.8> a cat", withLora.prompt());
        assertEquals(Map.of("my-pet", A1111Hashes.lora(lora)), withLora.loraHashes());
        assertEquals(Map.of(), parameters(plain).loraHashes());

        Path fromFolder = dir.resolve("folder.png");
        cli.run(List.of("generate", "--model", dir.resolve("tiny-diffusers").toString(), "--prompt", "a cat",
                "--steps", "1", "--width", "64", "--height", "64", "--device", "cpu", "--out", fromFolder.toString()));
        assertEquals(64, ImageIO.read(fromFolder.toFile()).getHeight());
        GenerationParameters folder = parameters(fromFolder);
        assertEquals("tiny-diffusers", folder.modelName());
        assertNull(folder.modelHash(), "A1111 hashes single files only");
    }

    private static GenerationParameters parameters(Path png) throws IOException {
        String text = PngTextReader.text(Files.readAllBytes(png), "parameters").orElseThrow();
        return GenerationParameters.parse(text);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void badUseNamesTheProblem() {
        assertEquals("--prompt is required", assertThrows(DiffusionCli.UsageException.class,
                () -> cli.run(List.of("generate", "--model", "m", "--out", "o.png"))).getMessage());
        assertEquals("unknown option --colour", assertThrows(DiffusionCli.UsageException.class,
                () -> cli.run(List.of("generate", "--model", "m", "--prompt", "p", "--out", "o.png", "--colour",
                        "red"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cli.run(List.of("generate", "--model", "m",
                "--prompt", "p", "--out", "o.png", "--width", "100"))).getMessage().contains("multiple of 8"));
        assertEquals("unknown command 'paint'", assertThrows(DiffusionCli.UsageException.class,
                () -> cli.run(List.of("paint"))).getMessage());
    }
}
