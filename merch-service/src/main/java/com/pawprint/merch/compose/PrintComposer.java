package com.pawprint.merch.compose;

import com.pawprint.imaging.ResampleFilter;
import com.pawprint.merch.catalog.BackgroundPolicy;
import com.pawprint.merch.catalog.FillMode;
import com.pawprint.merch.catalog.Placement;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Makes a placement's print file pixels from a design: optional background removal at the design's own size
 * (cheap, and the feather scales up with it), one high-quality resample (Lanczos-3) straight to the size on the
 * print area, then placement, rotation and, for die-cut stickers, the white border and cut line.
 */
public final class PrintComposer {

    /** Below this effective resolution a person should look at the print before it is ordered. */
    public static final double WARNING_DPI = 150;

    private final double minimumDpi;
    private final int backgroundTolerance;
    private final int featherPixels;

    /**
     * @param minimumDpi          below it a product is not composed at all (the print would be a blur)
     * @param backgroundTolerance RGB distance from the border colour still counted as background
     * @param featherPixels       box-blur radius of the alpha edge, in design pixels
     */
    public PrintComposer(double minimumDpi, int backgroundTolerance, int featherPixels) {
        this.minimumDpi = minimumDpi;
        this.backgroundTolerance = backgroundTolerance;
        this.featherPixels = featherPixels;
    }

    public PrintImage compose(BufferedImage design, Placement placement, DesignPlacement where,
                              BackgroundPolicy background) {
        if (design.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expects a TYPE_INT_RGB design, got type " + design.getType());
        }
        Layout layout = layout(placement, design.getWidth(), design.getHeight(), where);
        List<String> warnings = new ArrayList<>();
        if (layout.effectiveDpi < minimumDpi) {
            throw new CompositionException(String.format(Locale.ROOT,
                    "render %dx%d is too small for %s: %.0f DPI on the %s x %s in print area, below the %.0f DPI floor",
                    design.getWidth(), design.getHeight(), placement.id(), layout.effectiveDpi,
                    inches(placement.widthInches()), inches(placement.heightInches()), minimumDpi));
        }
        if (layout.effectiveDpi < WARNING_DPI) {
            warnings.add(String.format(Locale.ROOT, "effective resolution %.0f DPI (below %.0f)",
                    layout.effectiveDpi, WARNING_DPI));
        }
        boolean transparent = background == BackgroundPolicy.REMOVE;
        int[] alpha = transparent ? BackgroundRemoval.alpha(design, backgroundTolerance, featherPixels) : null;
        BufferedImage scaled = Argb.resize(design, alpha, layout.width, layout.height, ResampleFilter.LANCZOS3);
        BufferedImage canvas = new BufferedImage(placement.pixelWidth(), placement.pixelHeight(),
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        if (!transparent) {
            Arrays.fill(Argb.pixels(canvas), 0xFFFFFF);
        }
        draw(scaled, canvas, layout);
        BufferedImage cutLine = null;
        if (placement.dieCut()) {
            cutLine = StickerOutline.apply(canvas, (int) Math.round(placement.outlineInches() * placement.dpi()));
        }
        return new PrintImage(canvas, cutLine, layout.effectiveDpi, warnings);
    }

    /**
     * Checks a placement before any pixel is touched: the rotated design must lie inside the print file.
     *
     * @throws CompositionException with the reason when it does not
     */
    public static void checkInside(Placement placement, int designWidth, int designHeight, DesignPlacement where) {
        layout(placement, designWidth, designHeight, where);
    }

    private static void draw(BufferedImage scaled, BufferedImage canvas, Layout layout) {
        if (layout.rotationDegrees == 0) {
            copyInto(scaled, canvas, (int) Math.round(layout.centreX - layout.width / 2.0),
                    (int) Math.round(layout.centreY - layout.height / 2.0));
            return;
        }
        Graphics2D graphics = canvas.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(scaled, layout.transform(), null);
        } finally {
            graphics.dispose();
        }
    }

    /** Copies (overwrites, the canvas being empty) with clipping: COVER overflows the canvas on purpose. */
    private static void copyInto(BufferedImage source, BufferedImage canvas, int left, int top) {
        int[] src = Argb.pixels(source);
        int[] dst = Argb.pixels(canvas);
        int sourceWidth = source.getWidth();
        int canvasWidth = canvas.getWidth();
        int fromX = Math.max(0, -left);
        int toX = Math.min(sourceWidth, canvasWidth - left);
        int fromY = Math.max(0, -top);
        int toY = Math.min(source.getHeight(), canvas.getHeight() - top);
        if (toX <= fromX) {
            return;
        }
        boolean sourceHasAlpha = source.getType() == BufferedImage.TYPE_INT_ARGB;
        boolean canvasHasAlpha = canvas.getType() == BufferedImage.TYPE_INT_ARGB;
        for (int y = fromY; y < toY; y++) {
            int s = y * sourceWidth + fromX;
            int d = (y + top) * canvasWidth + left + fromX;
            if (sourceHasAlpha == canvasHasAlpha) {
                System.arraycopy(src, s, dst, d, toX - fromX);
            } else {
                for (int x = fromX; x < toX; x++, s++, d++) {
                    dst[d] = sourceHasAlpha ? Argb.over(src[s], dst[d]) : 0xFF000000 | src[s];
                }
            }
        }
    }

    private static Layout layout(Placement placement, int designWidth, int designHeight, DesignPlacement where) {
        DesignPlacement placed = where == null ? DesignPlacement.FIT : where;
        int canvasWidth = placement.pixelWidth();
        int canvasHeight = placement.pixelHeight();
        // A die-cut design leaves room for its border inside the file.
        double margin = placement.dieCut() ? placement.outlineInches() * placement.dpi() + 2 : 0;
        double areaWidth = canvasWidth - 2 * margin;
        double areaHeight = canvasHeight - 2 * margin;
        double fitX = areaWidth / designWidth;
        double fitY = areaHeight / designHeight;
        boolean cover = placement.fill() == FillMode.COVER && where == null;
        double scale = (cover ? Math.max(fitX, fitY) : Math.min(fitX, fitY)) * placed.scale();
        int width = Math.max(1, (int) Math.round(designWidth * scale));
        int height = Math.max(1, (int) Math.round(designHeight * scale));
        double bleed = placement.bleedInches() * placement.dpi();
        double centreX = placed.centreXInches() == null ? canvasWidth / 2.0
                : bleed + placed.centreXInches() * placement.dpi();
        double centreY = placed.centreYInches() == null ? canvasHeight / 2.0
                : bleed + placed.centreYInches() * placement.dpi();
        Layout layout = new Layout(width, height, centreX, centreY, placed.rotationDegrees(),
                placement.dpi() / scale);
        if (where != null) {
            layout.requireInside(placement, canvasWidth, canvasHeight, margin);
        }
        return layout;
    }

    private static String inches(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private record Layout(int width, int height, double centreX, double centreY, double rotationDegrees,
                          double effectiveDpi) {

        AffineTransform transform() {
            AffineTransform transform = new AffineTransform();
            transform.translate(centreX, centreY);
            transform.rotate(Math.toRadians(rotationDegrees));
            transform.translate(-width / 2.0, -height / 2.0);
            return transform;
        }

        void requireInside(Placement placement, int canvasWidth, int canvasHeight, double margin) {
            AffineTransform transform = transform();
            double slack = 0.5;
            for (double[] corner : new double[][] {{0, 0}, {width, 0}, {0, height}, {width, height}}) {
                Point2D point = transform.transform(new Point2D.Double(corner[0], corner[1]), null);
                if (point.getX() < margin - slack || point.getY() < margin - slack
                        || point.getX() > canvasWidth - margin + slack || point.getY() > canvasHeight - margin + slack) {
                    throw new CompositionException(String.format(Locale.ROOT,
                            "the design reaches outside the %s print area (%s x %s in): corner at %.2f, %.2f in",
                            placement.id(), inches(placement.widthInches()), inches(placement.heightInches()),
                            point.getX() / placement.dpi() - placement.bleedInches(),
                            point.getY() / placement.dpi() - placement.bleedInches()));
                }
            }
        }
    }
}
