package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class QualityMetricsTest {

    @Test
    void sharpImageScoresFarAboveItsBlurredCopy() {
        BufferedImage sharp = TestImages.detailed(900, 700, 11);
        double sharpness = QualityMetrics.of(sharp).sharpness();
        double blurred = QualityMetrics.of(TestImages.blurred(sharp)).sharpness();
        assertTrue(sharpness > QualityGateConfig.DEFAULT_MIN_SHARPNESS * 3, "sharp: " + sharpness);
        assertTrue(blurred < QualityGateConfig.DEFAULT_MIN_SHARPNESS / 3, "blurred: " + blurred);
    }

    @Test
    void flatImageHasZeroSharpnessAndItsBrightness() {
        QualityMetrics metrics = QualityMetrics.of(TestImages.solid(600, 600, new Color(100, 100, 100)));
        assertEquals(0.0, metrics.sharpness(), 1e-6);
        assertEquals(100.0, metrics.meanBrightness(), 0.5);
    }

    @Test
    void laplacianVarianceMatchesAHandComputedCase() {
        // A single bright pixel in a 3x3 grid of zeros: the one interior Laplacian is -4 * 10 = -40, variance 0.
        float[] single = {0, 0, 0, 0, 10, 0, 0, 0, 0};
        assertEquals(0.0, QualityMetrics.laplacianVariance(single, 3, 3), 1e-9);
        // 4x3: interior Laplacians at (1,1) and (2,1) are -40 and +10: mean -15, variance 625.
        float[] two = {0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0};
        assertEquals(625.0, QualityMetrics.laplacianVariance(two, 4, 3), 1e-9);
    }
}
