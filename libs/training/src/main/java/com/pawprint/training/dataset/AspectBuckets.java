package com.pawprint.training.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * kohya's aspect-ratio buckets ({@code make_bucket_resolutions}): the square of the training resolution, plus every
 * width from {@code min} to {@code max} in 64-pixel steps paired with the largest height (a multiple of 64, at most
 * {@code max}) that keeps the area within resolution squared, both ways round. An image goes to the bucket whose
 * aspect ratio is nearest its own, and a batch holds images of one bucket.
 */
public final class AspectBuckets {

    public static final int STEP = 64;

    private final List<BucketResolution> resolutions;

    private AspectBuckets(List<BucketResolution> resolutions) {
        this.resolutions = List.copyOf(resolutions);
    }

    public static AspectBuckets of(int resolution, int minSize, int maxSize) {
        long maxArea = (long) resolution * resolution;
        Set<BucketResolution> found = new LinkedHashSet<>();
        int side = (int) (Math.sqrt(maxArea) / STEP) * STEP;
        found.add(new BucketResolution(side, side));
        for (int width = minSize; width <= maxSize; width += STEP) {
            int height = (int) Math.min(maxSize, (maxArea / width) / STEP * STEP);
            if (height >= minSize) {
                found.add(new BucketResolution(width, height));
                found.add(new BucketResolution(height, width));
            }
        }
        List<BucketResolution> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(BucketResolution::width).thenComparingInt(BucketResolution::height));
        return new AspectBuckets(sorted);
    }

    /** One square bucket: what {@code enable_bucket: false} trains with. */
    public static AspectBuckets square(int resolution) {
        return new AspectBuckets(List.of(new BucketResolution(resolution, resolution)));
    }

    public List<BucketResolution> resolutions() {
        return resolutions;
    }

    /** The bucket of nearest aspect ratio (the first of equals, as numpy's argmin). */
    public BucketResolution select(int width, int height) {
        double aspect = (double) width / height;
        BucketResolution best = resolutions.get(0);
        for (BucketResolution candidate : resolutions) {
            if (Math.abs(candidate.aspectRatio() - aspect) < Math.abs(best.aspectRatio() - aspect)) {
                best = candidate;
            }
        }
        return best;
    }
}
