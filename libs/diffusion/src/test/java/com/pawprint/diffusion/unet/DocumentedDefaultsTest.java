package com.pawprint.diffusion.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pawprint.diffusion.attention.CrossAttentionConfig;
import com.pawprint.diffusion.attention.Transformer2DConfig;
import com.pawprint.diffusion.resnet.ResnetBlock2DConfig;
import org.junit.jupiter.api.Test;

/** The block configs' factories give the defaults their documentation (and candle's Default impls) state. */
class DocumentedDefaultsTest {

    @Test
    void factoriesUseTheDocumentedDefaults() {
        assertEquals(new ResnetBlock2DConfig(64, 128, 512, 32, 1e-6, 1.0), ResnetBlock2DConfig.of(64, 128));
        assertEquals(new Transformer2DConfig(320, 8, 768, 1, 32, false, 1024), Transformer2DConfig.of(320, 8, 768));
        assertEquals(new CrossAttentionConfig(320, 768, 8, 40, 1024), CrossAttentionConfig.crossAttention(320, 768, 8));
        assertEquals(new DownBlock2DConfig(320, 640, 1280, 1, 32, 1e-6, true, 1), DownBlock2DConfig.of(320, 640, 1280));
        assertEquals(new UpBlock2DConfig(320, 640, 640, 1280, 1, 32, 1e-6, true), UpBlock2DConfig.of(320, 640, 640, 1280));
        assertEquals(new AttentionSettings(8, 768, 1, false, CrossAttentionConfig.DEFAULT_QUERY_SLICE_SIZE),
                AttentionSettings.of(8, 768));
    }
}
