package com.pawprint.render.style;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StyleCatalogTest {

    private static StyleCatalog builtIn() {
        try (InputStream in = StyleCatalog.class.getResourceAsStream("/styles.yaml")) {
            return StyleCatalog.read(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theBuiltInPresetsCoverEveryStyleAndProduct() {
        StyleCatalog catalog = builtIn();
        assertThat(catalog.styles()).containsKeys("sticker", "watercolor", "retro-poster", "cartoon", "starry-space",
                "christmas-card", "beach-sunglasses");
        assertThat(catalog.products()).containsOnlyKeys("tshirt", "mug", "postcard", "tote", "sticker", "poster");
        for (StylePreset preset : catalog.styles().values()) {
            assertThat(preset.prompt()).contains("{trigger}", "{class}");
            assertThat(preset.negativePrompt()).contains("deformed paws");
            assertThat(preset.loraStrength()).isBetween(0.6, 0.8);
        }
        assertThat(catalog.style("sticker").orElseThrow().prompt()).contains("plain white background");
        StyleCatalog.ProductPreset mug = catalog.productPresets().stream()
                .filter(preset -> preset.product().equals("mug")).findFirst().orElseThrow();
        assertThat(mug.preset().width()).isGreaterThan(2 * mug.preset().height());
        assertThat(catalog.productPresets()).allSatisfy(preset -> {
            assertThat(preset.preset().width() % 8).isZero();
            assertThat(preset.preset().height() % 8).isZero();
        });
        assertThat(catalog.productsOf("retro-poster")).containsExactly("tote", "poster");
    }

    @Test
    void aPromptTemplateTakesTheTriggerTokenAndClassWord() {
        assertThat(builtIn().style("watercolor").orElseThrow().promptFor("mochi_cat", "cat"))
                .startsWith("a watercolor painting of mochi_cat cat,");
    }

    @Test
    void mistakesInTheFileAreRefusedAtStartUp() {
        assertThatThrownBy(() -> read("styles:\n  a: {prompt: x, colour: red}\n"))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> read("styles:\n  a: {prompt: x, width: 500}\n")).hasMessageContaining("multiples of 8");
        assertThatThrownBy(() -> read("styles:\n  a: {prompt: x}\nproducts:\n  mug: [{style: b}]\n"))
                .hasMessageContaining("names style 'b'");
        assertThatThrownBy(() -> read("styles:\n  a: {prompt: x, sampler: LMS}\n")).hasMessageContaining("LMS");
        assertThatThrownBy(() -> read("styles:\n  a: {prompt: x}\n")).hasMessageContaining("there must be products");
        assertThatThrownBy(() -> read("styles:\n  A_b: {prompt: x}\nproducts:\n  mug: [{style: A_b}]\n"))
                .hasMessageContaining("style id 'A_b'");
        assertThat(read("styles:\n  a: {prompt: x}\nproducts:\n  mug: [{style: a}]\n").style("a").orElseThrow()
                .sampler())
                .isEqualTo(StylePreset.DEFAULT_SAMPLER);
        assertThat(List.of(read("styles:\n  a: {prompt: x}\nproducts:\n  mug: [{style: a}]\n").style("a")
                .orElseThrow().loraStrength()))
                .containsExactly(0.7);
    }

    private static StyleCatalog read(String yaml) {
        return StyleCatalog.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
