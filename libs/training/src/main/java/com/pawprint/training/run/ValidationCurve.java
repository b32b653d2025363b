package com.pawprint.training.run;

import java.util.List;

/**
 * Validation losses by step ({@code [step, loss]}, the first before training). The best step is the one of lowest
 * loss; the run is overfitting when the last loss is more than {@link #OVERFITTING_MARGIN} above that best.
 */
record ValidationCurve(List<double[]> points) {

    /** 5%: validation losses of a few held-out photos wobble by about that much from step to step. */
    static final double OVERFITTING_MARGIN = 0.05;

    ValidationCurve {
        points = List.copyOf(points);
    }

    /** Whether there is anything to compare: a loss after some training besides the first. */
    boolean measured() {
        return points.size() > 1;
    }

    long bestStep() {
        double[] lowest = points.get(0);
        for (double[] point : points) {
            lowest = point[1] < lowest[1] ? point : lowest;
        }
        return (long) lowest[0];
    }

    boolean overfitting() {
        double lowest = points.stream().mapToDouble(point -> point[1]).min().orElseThrow();
        return points.get(points.size() - 1)[1] > lowest * (1 + OVERFITTING_MARGIN);
    }
}
