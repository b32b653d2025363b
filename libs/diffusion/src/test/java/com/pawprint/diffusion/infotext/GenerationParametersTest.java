package com.pawprint.diffusion.infotext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pawprint.diffusion.pipeline.Txt2ImgRequest;
import com.pawprint.diffusion.schedulers.SamplerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerationParametersTest {

    private static final Txt2ImgRequest MOCHI = Txt2ImgRequest.builder(
                    "<lora:mochi_v1_rank8_ep15:0.8> mochi the corgi on a mug, watercolor")
            .negativePrompt("blurry, lowres").steps(25).sampler(SamplerKind.DPMPP_2M_KARRAS).guidanceScale(7)
            .seed(1234).size(512, 512).build();
    private static final Map<String, String> MOCHI_LORA = Map.of("mochi_v1_rank8_ep15", "3f1a9c2b7d4e");

    @Test
    void formatsAKnownRequestCharacterForCharacter() {
        GenerationParameters parameters = GenerationParameters.of(MOCHI, "6ce0161689", "v1-5-pruned-emaonly",
                MOCHI_LORA, "pawprint-0.1");
        assertEquals("""
                <lora:mochi_v1_rank8_ep15:0.8> mochi the corgi on a mug, watercolor
                Negative prompt: blurry, lowres
                Steps: 25, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234, Size: 512x512, \
                Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Lora hashes: "mochi_v1_rank8_ep15: 3f1a9c2b7d4e", \
                Version: pawprint-0.1""", parameters.format());
    }

    @Test
    void writesOnlyWhatIsThereAndQuotesValuesAsJson() {
        Txt2ImgRequest request = Txt2ImgRequest.builder("a shiba\nin the snow").steps(20).guidanceScale(7.5)
                .seed(7).size(512, 768).sampler(SamplerKind.DPMPP_2M).clipSkip(2).build();
        Map<String, String> loras = new LinkedHashMap<>();
        loras.put("style: ink, bold", "0a1b2c3d4e5f");
        loras.put("shiba", "ffeeddccbbaa");
        GenerationParameters parameters = GenerationParameters.of(request, null, "my \"best\", model\\v2", loras,
                null);
        assertEquals("""
                a shiba
                in the snow
                Steps: 20, Sampler: DPM++ 2M, Schedule type: Uniform, CFG scale: 7.5, Seed: 7, Size: 512x768, \
                Model: "my \\"best\\", model\\\\v2", Clip skip: 2, \
                Lora hashes: "style ink bold: 0a1b2c3d4e5f, shiba: ffeeddccbbaa\"""", parameters.format());
    }

    @Test
    void everyEngineSamplerHasItsA1111NameAndComesBack() {
        Map<SamplerKind, String> expected = Map.of(
                SamplerKind.DDIM, "Sampler: DDIM, Schedule type: Automatic",
                SamplerKind.EULER, "Sampler: Euler, Schedule type: Automatic",
                SamplerKind.EULER_KARRAS, "Sampler: Euler, Schedule type: Karras",
                SamplerKind.EULER_A, "Sampler: Euler a, Schedule type: Automatic",
                SamplerKind.EULER_A_KARRAS, "Sampler: Euler a, Schedule type: Karras",
                SamplerKind.DPMPP_2M, "Sampler: DPM++ 2M, Schedule type: Uniform",
                SamplerKind.DPMPP_2M_KARRAS, "Sampler: DPM++ 2M, Schedule type: Karras");
        for (SamplerKind kind : SamplerKind.values()) {
            GenerationParameters parameters = GenerationParameters.of(MOCHI.toBuilder().sampler(kind).build(), null,
                    null, Map.of(), null);
            assertTrue(parameters.format().contains(", " + expected.get(kind) + ", "), parameters.format());
            GenerationParameters parsed = GenerationParameters.parse(parameters.format());
            assertEquals(Optional.of(kind), parsed.samplerKind());
            assertEquals(MOCHI.toBuilder().sampler(kind).build(), parsed.toRequest());
        }
    }

    @Test
    void parseOfFormatIsTheIdentity() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("VAE hash", "735e4c3a44");
        extra.put("Hires resize", "1024x1024");
        extra.put("Note", "commas, colons: and\nlines \"quoted\" \\ too");
        Map<String, String> loras = new LinkedHashMap<>();
        loras.put("mochi_v1", "3f1a9c2b7d4e");
        loras.put("watercolor", "0a1b2c3d4e5f");
        List<GenerationParameters> cases = List.of(
                GenerationParameters.of(MOCHI, "6ce0161689", "v1-5-pruned-emaonly", MOCHI_LORA, "pawprint-0.1"),
                new GenerationParameters("柴犬 🐕 on a mug\n(masterpiece:1.2), <lora:mochi_v1:0.7>",
                        "blurry\n\nbad hands, (worst quality:1.4)", 30, "DPM++ 2M", "Karras", 6.5, 2837465012L, 640,
                        448, "6ce0161689", "sd, v1.5: pruned", loras, 2, "v1.10.1", extra),
                new GenerationParameters("", "", 1, "Euler a", "Automatic", 0, 0, 8, 8, null, null, Map.of(), 1,
                        null, Map.of()),
                new GenerationParameters("", "only a negative", 20, "DPM++ SDE", "Exponential", 12.25, -1, 64, 64,
                        null, null, Map.of(), 12, null, Map.of()));
        for (GenerationParameters parameters : cases) {
            assertEquals(parameters, GenerationParameters.parse(parameters.format()), parameters.format());
        }
    }

    @Test
    void readsA1111sOwnInfotext() {
        String written = """
                masterpiece, best quality, a corgi
                wearing a tiny hat, <lora:mochi_v1:0.7>
                Negative prompt: (worst quality:1.4), lowres,
                bad hands
                Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 2837465012, \
                Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, VAE hash: 735e4c3a44, \
                VAE: vae-ft-mse-840000-ema-pruned.safetensors, Denoising strength: 0.45, Clip skip: 2, \
                Hires upscale: 2, Hires upscaler: Latent, \
                Lora hashes: "mochi_v1: 3f1a9c2b7d4e, style_watercolor: 0a1b2c3d4e5f", \
                TI hashes: "easynegative: c74b4e810b03", Emphasis: Original, Version: v1.10.1
                """;
        GenerationParameters parsed = GenerationParameters.parse(written);

        assertEquals("masterpiece, best quality, a corgi\nwearing a tiny hat, <lora:mochi_v1:0.7>", parsed.prompt());
        assertEquals("(worst quality:1.4), lowres,\nbad hands", parsed.negativePrompt());
        assertEquals(30, parsed.steps());
        assertEquals(6.5, parsed.cfgScale());
        assertEquals(2837465012L, parsed.seed());
        assertEquals(512, parsed.width());
        assertEquals(768, parsed.height());
        assertEquals("6ce0161689", parsed.modelHash());
        assertEquals("v1-5-pruned-emaonly", parsed.modelName());
        assertEquals(2, parsed.clipSkip());
        assertEquals("v1.10.1", parsed.version());
        assertEquals(List.of(Map.entry("mochi_v1", "3f1a9c2b7d4e"), Map.entry("style_watercolor", "0a1b2c3d4e5f")),
                List.copyOf(parsed.loraHashes().entrySet()));
        assertEquals(List.of(Map.entry("VAE hash", "735e4c3a44"),
                Map.entry("VAE", "vae-ft-mse-840000-ema-pruned.safetensors"), Map.entry("Denoising strength", "0.45"),
                Map.entry("Hires upscale", "2"), Map.entry("Hires upscaler", "Latent"),
                Map.entry("TI hashes", "easynegative: c74b4e810b03"), Map.entry("Emphasis", "Original")),
                List.copyOf(parsed.extra().entrySet()), "unknown keys are kept, unquoted, in order");
        assertEquals(Optional.of(SamplerKind.DPMPP_2M_KARRAS), parsed.samplerKind());
        assertEquals(Txt2ImgRequest.builder(parsed.prompt()).negativePrompt(parsed.negativePrompt()).steps(30)
                .guidanceScale(6.5).seed(2837465012L).size(512, 768).sampler(SamplerKind.DPMPP_2M_KARRAS).clipSkip(2)
                .build(), parsed.toRequest());
    }

    @Test
    void readsOlderInfotextsAsA1111Does() {
        GenerationParameters legacy = GenerationParameters.parse("""
                girl with an artist's beret, determined, blue eyes
                Negative prompt: ugly, (((deformed))), [blurry]
                Steps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 965400086, Size: 512x512, \
                Model hash: 45dee52b""");
        assertEquals("Automatic", legacy.scheduleType(), "missing before 1.9");
        assertEquals(Optional.of(SamplerKind.DPMPP_2M_KARRAS), legacy.samplerKind(), "the schedule in the name");
        assertEquals("45dee52b", legacy.modelHash());
        assertEquals(1, legacy.clipSkip(), "missing means 1");

        assertEquals(Optional.of(SamplerKind.DPMPP_2M_KARRAS), parseSampler("DPM++ 2M", null),
                "A1111's automatic schedule for DPM++ 2M is Karras");
        assertEquals(Optional.of(SamplerKind.EULER_A), parseSampler("Euler a", "Uniform"));
        assertEquals(Optional.of(SamplerKind.DDIM), parseSampler("DDIM", "Karras"), "DDIM ignores the schedule");
        assertEquals(Optional.empty(), parseSampler("DPM++ SDE", "Karras"));
        assertEquals(Optional.empty(), parseSampler("Euler", "Exponential"));
        GenerationParameters unknown = GenerationParameters.parse(
                "a cat\nSteps: 20, Sampler: UniPC, CFG scale: 7, Seed: 1, Size: 512x512");
        assertTrue(assertThrows(IllegalArgumentException.class, unknown::toRequest).getMessage().contains("UniPC"));
    }

    @Test
    void aLastLineWithFewerThanThreeParametersIsPromptAndTheRequiredOnesMustBeThere() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GenerationParameters.parse("a cat\nStyle: ink, Mood: calm"));
        assertEquals("infotext has no 'Steps' parameter", error.getMessage());
        assertEquals("infotext Size '512 by 512' is not WIDTHxHEIGHT", assertThrows(IllegalArgumentException.class,
                () -> GenerationParameters.parse("Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512 by 512"))
                .getMessage());
        assertEquals("infotext Steps 'many' is not a whole number", assertThrows(IllegalArgumentException.class,
                () -> GenerationParameters.parse("Steps: many, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8"))
                .getMessage());
    }

    private static Optional<SamplerKind> parseSampler(String sampler, String scheduleType) {
        return GenerationParameters.parse("a cat\nSteps: 20, Sampler: " + sampler
                + (scheduleType == null ? "" : ", Schedule type: " + scheduleType)
                + ", CFG scale: 7, Seed: 1, Size: 512x512").samplerKind();
    }
}
