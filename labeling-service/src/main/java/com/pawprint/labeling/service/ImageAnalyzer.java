package com.pawprint.labeling.service;

import com.pawprint.imaging.ResampleFilter;
import com.pawprint.imaging.Resampler;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Measures what a caption can honestly say about a photo without a model: the background is what the photo's
 * border shows, the subject is what differs from it, and lighting follows from the luma of both.
 */
public final class ImageAnalyzer {

    /** Analysis runs on a small copy: colour words and extents do not need more pixels. */
    private static final int ANALYSIS_LONG_SIDE = 160;
    private static final double BORDER_SHARE = 0.06;
    /** Lab distance under which a pixel still counts as background, at least. */
    private static final double MIN_SUBJECT_DISTANCE = 18;
    /** Mean Lab distance of border pixels to their median above which the background is busy, not plain. */
    private static final double BUSY_BORDER_SPREAD = 12;
    /**
     * A close-up fills the frame's height (the frame cuts the pet); a full-body shot leaves room around it. Measured
     * inside the border band, so the largest possible value is 0.88.
     */
    private static final double CLOSE_UP_HEIGHT = 0.84;

    public ImageAnalysis analyze(BufferedImage photo) {
        BufferedImage image = Resampler.fitLongSide(asRgb(photo), ANALYSIS_LONG_SIDE, ResampleFilter.BOX);
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        double[][] lab = new double[rgb.length][];
        double[] luma = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            lab[i] = NamedColors.lab(rgb[i]);
            luma[i] = lab[i][0] / 100.0;
        }

        int borderX = Math.max(1, (int) Math.round(width * BORDER_SHARE));
        int borderY = Math.max(1, (int) Math.round(height * BORDER_SHARE));
        boolean[] border = new boolean[rgb.length];
        int borderCount = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (x < borderX || x >= width - borderX || y < borderY || y >= height - borderY) {
                    border[y * width + x] = true;
                    borderCount++;
                }
            }
        }
        double[] background = medianLab(lab, border, borderCount);
        double[] borderDistances = new double[borderCount];
        int b = 0;
        for (int i = 0; i < rgb.length; i++) {
            if (border[i]) {
                borderDistances[b++] = NamedColors.distance(lab[i], background);
            }
        }
        Arrays.sort(borderDistances);
        double spread = Arrays.stream(borderDistances).average().orElse(0);
        double threshold = Math.max(MIN_SUBJECT_DISTANCE, borderDistances[(int) (borderCount * 0.9)]);

        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        boolean[] subject = new boolean[rgb.length];
        int subjectCount = 0;
        for (int y = borderY; y < height - borderY; y++) {
            for (int x = borderX; x < width - borderX; x++) {
                int i = y * width + x;
                if (NamedColors.distance(lab[i], background) > threshold) {
                    subject[i] = true;
                    subjectCount++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        double subjectHeight = subjectCount == 0 ? 0 : (double) (maxY - minY + 1) / height;

        String subjectColor = subjectCount == 0 ? NamedColors.nearest(background).name()
                : dominantColor(lab, subject);
        double subjectLuma = mean(luma, subject);
        double borderLuma = mean(luma, border);
        String lighting = lighting(luma, subjectCount == 0 ? borderLuma : subjectLuma, borderLuma);
        String framing = subjectHeight >= CLOSE_UP_HEIGHT ? "close-up" : "full body";
        return new ImageAnalysis(subjectColor, NamedColors.nearest(background).name(), lighting, framing,
                spread > BUSY_BORDER_SPREAD, subjectHeight);
    }

    static String lighting(double[] luma, double subjectLuma, double borderLuma) {
        double[] sorted = luma.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        double low = sorted[(int) (sorted.length * 0.05)];
        double high = sorted[(int) (sorted.length * 0.95)];
        if (borderLuma > 0.6 && borderLuma - subjectLuma > 0.25) {
            return "backlit";
        }
        if (mean > 0.72) {
            return "bright lighting";
        }
        if (mean < 0.3) {
            return "dim lighting";
        }
        if (high - low > 0.8) {
            return "high contrast";
        }
        return "soft lighting";
    }

    private static String dominantColor(double[][] lab, boolean[] subject) {
        Map<String, Integer> votes = new HashMap<>();
        for (int i = 0; i < lab.length; i++) {
            if (subject[i]) {
                votes.merge(NamedColors.nearest(lab[i]).name(), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static double[] medianLab(double[][] lab, boolean[] selected, int count) {
        double[] median = new double[3];
        double[] values = new double[count];
        for (int channel = 0; channel < 3; channel++) {
            int n = 0;
            for (int i = 0; i < lab.length; i++) {
                if (selected[i]) {
                    values[n++] = lab[i][channel];
                }
            }
            Arrays.sort(values);
            median[channel] = values[count / 2];
        }
        return median;
    }

    private static double mean(double[] values, boolean[] selected) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (selected[i]) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static BufferedImage asRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(image, 0, 0, null);
        return copy;
    }
}
