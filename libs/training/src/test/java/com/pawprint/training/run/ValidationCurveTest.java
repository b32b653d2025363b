package com.pawprint.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationCurveTest {

    private static ValidationCurve curve(double... stepAndLoss) {
        List<double[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < stepAndLoss.length; i += 2) {
            points.add(new double[] {stepAndLoss[i], stepAndLoss[i + 1]});
        }
        return new ValidationCurve(points);
    }

    @Test
    void aRisingLossAfterItsBestFlagsOverfittingAndNamesTheBestStep() {
        ValidationCurve rising = curve(0, 1.0, 100, 0.80, 200, 0.70, 300, 0.74, 400, 0.78);
        assertTrue(rising.overfitting(), "0.78 is more than 5% above the best 0.70");
        assertEquals(200, rising.bestStep());
    }

    @Test
    void aFallingOrWobblingLossIsNotOverfitting() {
        assertFalse(curve(0, 1.0, 100, 0.8, 200, 0.7).overfitting());
        assertEquals(200, curve(0, 1.0, 100, 0.8, 200, 0.7).bestStep());
        assertFalse(curve(0, 1.0, 100, 0.70, 200, 0.72).overfitting(), "within the 5% wobble");
        assertFalse(curve(0, 1.0).measured());
        assertTrue(curve(0, 1.0, 10, 1.2).overfitting(), "training made it worse: the best is the untrained step");
        assertEquals(0, curve(0, 1.0, 10, 1.2).bestStep());
    }
}
