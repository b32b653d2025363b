package com.pawprint.diffusion.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoraPromptTest {

    @Test
    void tagsAreRemovedAndTheirWeightsRead() {
        LoraPrompt parsed = LoraPrompt.parse(
                "a photo of <lora:rex_v2:0.8> rex dog, <lora:watercolor style:0.5:1.2>, on a mug <lora:ink>");
        assertEquals("a photo of rex dog, on a mug", parsed.prompt());
        assertEquals("a photo of  rex dog, , on a mug ", parsed.encoderPrompt(), "A1111 only removes the tags");
        assertEquals(List.of(
                new LoraReference("rex_v2", new LoraStrength(0.8, 0.8)),
                new LoraReference("watercolor style", new LoraStrength(0.5, 1.2)),
                new LoraReference("ink", new LoraStrength(1, 1))), parsed.loras());
    }

    @Test
    void keywordFormsAndNegativeWeightsWork() {
        LoraPrompt parsed = LoraPrompt.parse("<lora:a:te=0.25:unet=-0.5>cat, <lora:b:unet=0.7>");
        assertEquals("cat", parsed.prompt());
        assertEquals(new LoraStrength(0.25, -0.5), parsed.loras().get(0).strength());
        assertEquals(new LoraStrength(1, 0.7), parsed.loras().get(1).strength());
    }

    @Test
    void promptsWithoutTagsAreUnchangedApartFromWhitespace() {
        LoraPrompt parsed = LoraPrompt.parse("  a (red:1.2) <hypernet:x:1>  cat ");
        assertEquals("a (red:1.2) <hypernet:x:1> cat", parsed.prompt());
        assertEquals("  a (red:1.2) <hypernet:x:1>  cat ", parsed.encoderPrompt());
        assertEquals("masterpiece, a cat,", LoraPrompt.parse("masterpiece, a cat,").encoderPrompt(),
                "a trailing comma is a token the encoder reads");
        assertEquals("acat", LoraPrompt.parse("a<lora:x:1>cat").encoderPrompt());
        assertTrue(parsed.loras().isEmpty());
    }

    @Test
    void malformedTagsAreErrorsNamingTheTag() {
        IllegalArgumentException badNumber = assertThrows(IllegalArgumentException.class,
                () -> LoraPrompt.parse("dog <lora:rex:strong>"));
        assertTrue(badNumber.getMessage().contains("<lora:rex:strong>"), badNumber.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoraPrompt.parse("<lora::1>"));
        assertThrows(IllegalArgumentException.class, () -> LoraPrompt.parse("<lora:rex:1:1:1>"));
        assertThrows(IllegalArgumentException.class, () -> LoraPrompt.parse("<lora:rex:NaN>"));
    }
}
