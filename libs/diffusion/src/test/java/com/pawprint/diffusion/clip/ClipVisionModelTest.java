package com.pawprint.diffusion.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pawprint.diffusion.nn.GeneratedTensorSource;
import com.pawprint.diffusion.nn.Weights;
import com.pawprint.diffusion.tokenizer.ClipTokenizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClipVisionModelTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private ClipModel tinyClip(long seed, GeneratedTensorSource source) {
        return ClipModel.load(Weights.of(source, manager, DataType.FLOAT32), ClipConfig.tiny());
    }

    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    @Test
    void weightNamesAreTransformersNames() {
        GeneratedTensorSource source = GeneratedTensorSource.random(1);
        tinyClip(1, source);
        assertEquals(new Shape(64, 3, 8, 8), source.requested().get("vision_model.embeddings.patch_embedding.weight"));
        assertEquals(new Shape(64), source.requested().get("vision_model.embeddings.class_embedding"));
        assertEquals(new Shape(17, 64), source.requested().get("vision_model.embeddings.position_embedding.weight"));
        assertEquals(new Shape(64), source.requested().get("vision_model.pre_layrnorm.weight"));
        assertEquals(new Shape(64), source.requested().get("vision_model.post_layernorm.bias"));
        assertEquals(new Shape(64, 64),
                source.requested().get("vision_model.encoder.layers.1.self_attn.q_proj.weight"));
        assertEquals(new Shape(32, 64), source.requested().get("visual_projection.weight"));
        assertEquals(new Shape(32, 64), source.requested().get("text_projection.weight"));
        assertEquals(new Shape(), source.requested().get("logit_scale"));
        assertFalse(source.requested().containsKey("vision_model.embeddings.patch_embedding.bias"));
    }

    @Test
    void visionShapesFollowTheConfig() {
        ClipVisionModel vision = ClipVisionModel.load(
                Weights.of(GeneratedTensorSource.random(2), manager, DataType.FLOAT32), ClipVisionConfig.tiny());
        ClipVisionOutput output = vision.forward(manager.randomNormal(new Shape(2, 3, 32, 32)));
        assertEquals(new Shape(2, 17, 64), output.lastHiddenState().getShape());
        assertEquals(new Shape(2, 64), output.pooledOutput().getShape());
        assertThrows(IllegalArgumentException.class, () -> vision.forward(manager.zeros(new Shape(1, 3, 24, 24))));
        assertThrows(IllegalArgumentException.class, () -> new ClipVisionConfig(64, 128, 2, 4, 3, 30, 8,
                ClipActivation.QUICK_GELU, 1e-5));
    }

    @Test
    void scoringIsDeterministicAndShaped() {
        ClipImageProcessor processor = new ClipImageProcessor(32);
        ClipTokenizer tokenizer = ClipTokenizer.bundled();
        List<String> texts = List.of("a photo of a cat", "a photo of a dog", "a photo of a mug");
        long[] ids = new long[texts.size() * ClipTokenizer.CONTEXT_LENGTH];
        for (int i = 0; i < texts.size(); i++) {
            System.arraycopy(tokenizer.tokenize(texts.get(i)).inputIdsAsLongs(), 0, ids,
                    i * ClipTokenizer.CONTEXT_LENGTH, ClipTokenizer.CONTEXT_LENGTH);
        }
        List<BufferedImage> images = List.of(solid(64, 48, Color.ORANGE), solid(40, 40, Color.DARK_GRAY));
        float[] first = logits(7, processor, images, ids, texts.size());
        float[] again = logits(7, processor, images, ids, texts.size());
        float[] other = logits(8, processor, images, ids, texts.size());
        assertEquals(images.size() * texts.size(), first.length);
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    private float[] logits(long seed, ClipImageProcessor processor, List<BufferedImage> images, long[] ids, int texts) {
        ClipModel clip = tinyClip(seed, GeneratedTensorSource.random(seed));
        NDArray imageEmbeds = clip.imageEmbeds(processor.pixelValues(images, manager));
        NDArray textEmbeds = clip.textEmbeds(manager.create(ids, new Shape(texts, ClipTokenizer.CONTEXT_LENGTH)));
        assertEquals(new Shape(images.size(), 32), imageEmbeds.getShape());
        assertEquals(new Shape(texts, 32), textEmbeds.getShape());
        float[] norms = imageEmbeds.norm(new int[] {-1}).toFloatArray();
        for (float norm : norms) {
            assertEquals(1f, norm, 1e-5f);
        }
        NDArray logits = clip.logitsPerImage(imageEmbeds, textEmbeds);
        assertEquals(new Shape(images.size(), texts), logits.getShape());
        return logits.toFloatArray();
    }

    @Test
    void processorResizesShortestSideCropsCenterAndNormalizes() {
        ClipImageProcessor processor = new ClipImageProcessor(32);
        float[] gray = processor.preprocess(solid(96, 64, new Color(128, 128, 128)));
        assertEquals(3 * 32 * 32, gray.length);
        for (int c = 0; c < 3; c++) {
            float expected = (128 / 255f - ClipImageProcessor.MEAN[c]) / ClipImageProcessor.STD[c];
            assertEquals(expected, gray[c * 1024], 1e-5f);
            assertEquals(expected, gray[c * 1024 + 1023], 1e-5f);
        }
        // 96x64 with red outer quarters: resized to 48x32, the 32 px center crop starts 8 px into the left red band
        // (red at its edge) and holds blue in its middle; a crop from anywhere else would differ
        BufferedImage striped = solid(96, 64, Color.BLUE);
        Graphics2D g = striped.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 24, 64);
        g.fillRect(72, 0, 24, 64);
        g.dispose();
        float[] cropped = processor.preprocess(striped);
        float red = (1 - ClipImageProcessor.MEAN[0]) / ClipImageProcessor.STD[0];
        float noRed = (0 - ClipImageProcessor.MEAN[0]) / ClipImageProcessor.STD[0];
        assertEquals(red, cropped[16 * 32], 1e-5f);
        assertEquals(red, cropped[16 * 32 + 31], 1e-5f);
        assertEquals(noRed, cropped[16 * 32 + 16], 1e-5f);
        assertTrue(processor.pixelValues(List.of(striped, striped), manager).getShape().equals(new Shape(2, 3, 32, 32)));
    }

    @Test
    void readsTransformersConfig() throws Exception {
        ClipConfig config = ClipConfig.fromJson(new ObjectMapper().readTree("""
                {"projection_dim": 32,
                 "text_config": {"vocab_size": 49408, "hidden_size": 64, "intermediate_size": 128,
                                 "num_hidden_layers": 2, "num_attention_heads": 4},
                 "vision_config": {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
                                   "num_attention_heads": 4, "image_size": 32, "patch_size": 8}}"""));
        assertEquals(ClipConfig.tiny(), config);
        assertEquals(ClipConfig.vitL14().vision(), ClipVisionConfig.fromJson(new ObjectMapper().readTree("{}")));
    }
}
