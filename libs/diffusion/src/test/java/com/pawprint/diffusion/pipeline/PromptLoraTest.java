package com.pawprint.diffusion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.diffusion.device.ComputeDevice;
import com.pawprint.diffusion.loader.ModelConfigs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <lora:name:weight>} in prompts: attached for one request through a resolver, detached exactly after. */
class PromptLoraTest {

    @TempDir
    Path dir;

    @Test
    void aPromptTagAppliesTheResolvedLoraToThatRequestOnly() {
        try (StableDiffusion model = StableDiffusion.random(ModelConfigs.tiny(), 42, ComputeDevice.cpu())) {
            LoraResolver resolver = LoraResolver.of(Map.of("pet", TestLoras.write(model, dir.resolve("pet.safetensors"))));
            int[] before = Txt2ImgTest.pixels(model.generate(Txt2ImgTest.tiny("a cat").build()).images().get(0));

            Txt2ImgResult adapted = model.generate(Txt2ImgTest.tiny("<lora:pet:1> a cat").build(), resolver,
                    ProgressListener.NONE, CancellationToken.NONE);
            assertEquals("a cat", adapted.prompt());
            assertEquals(java.util.List.of("pet:1.0:1.0"), adapted.loras());
            int[] withLora = Txt2ImgTest.pixels(adapted.images().get(0));
            assertFalse(Arrays.equals(before, withLora), "the LoRA changes the image");

            int[] after = Txt2ImgTest.pixels(model.generate(Txt2ImgTest.tiny("a cat").build()).images().get(0));
            assertArrayEquals(before, after, "detaching restores the model exactly");

            int[] unetOnly = Txt2ImgTest.pixels(model.generate(Txt2ImgTest.tiny("a cat <lora:pet:0:1>").build(),
                    resolver, ProgressListener.NONE, CancellationToken.NONE).images().get(0));
            assertFalse(Arrays.equals(before, unetOnly));
            assertFalse(Arrays.equals(withLora, unetOnly), "the text-encoder strength matters");
        }
    }

    @Test
    void unknownOrUnresolvableNamesAreRefusedBeforeAnythingRuns() {
        try (StableDiffusion model = StableDiffusion.random(ModelConfigs.tiny(), 42, ComputeDevice.cpu())) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> model.generate(
                    Txt2ImgTest.tiny("<lora:ghost:1> a cat").build(), LoraResolver.directory(dir),
                    ProgressListener.NONE, CancellationToken.NONE));
            assertTrue(unknown.getMessage().contains("'ghost'"), unknown.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> model.generate(Txt2ImgTest.tiny("<lora:pet:1> a cat").build()));
            assertTrue(LoraResolver.directory(dir).resolve("../pet").isEmpty());
        }
    }
}
