package com.pawprint.merch.compose;

import com.pawprint.imaging.ResampleFilter;
import com.pawprint.merch.catalog.MockupStyle;
import com.pawprint.merch.catalog.Placement;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws product mockups procedurally (no photos): the product's silhouette in the variant's colour, the print file
 * placed on it, then a shading pass that multiplies fabric folds, ceramic curvature or paper light into product and
 * design alike and adds highlights, and a soft drop shadow onto a studio background. The mug's design is wrapped
 * round a cylinder seen from the front, so a design column at angle φ lands at x = centre + R sin φ.
 */
public final class MockupPainter {

    private MockupPainter() {
    }

    /** A square RGB mockup of {@code size} pixels. */
    public static BufferedImage paint(MockupStyle style, int productRgb, PrintImage print, Placement placement,
                                      int size) {
        return switch (style) {
            case TSHIRT -> garment(tshirtShape(), productRgb, print, new Rectangle2D.Double(0.32, 0.24, 0.36, 0.48),
                    size, tshirtShade());
            case TOTE -> garment(toteShape(), productRgb, print, new Rectangle2D.Double(0.3, 0.42, 0.4, 0.4),
                    size, toteShade());
            case MUG -> mug(productRgb, print, placement, size);
            case POSTCARD -> flat(print, placement, size, 0.7, 0.0);
            case POSTER -> flat(print, placement, size, 0.82, 0.012);
            case STICKER -> sticker(print, size);
        };
    }

    private static BufferedImage garment(Shape shape, int colour, PrintImage print, Rectangle2D printArea, int size,
                                         Shade shade) {
        BufferedImage product = silhouette(shape, colour, size);
        placeDesign(product, print, scaled(printArea, size));
        return finish(product, shade, size, 0xE9E7E4, 0xCFCCC8);
    }

    private static BufferedImage mug(int colour, PrintImage print, Placement placement, int size) {
        double radius = 0.22 * size;
        double centreX = 0.46 * size;
        double top = 0.2 * size;
        double bottom = 0.82 * size;
        BufferedImage product = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = smooth(product);
        graphics.setColor(new Color(colour));
        graphics.setStroke(new BasicStroke((float) (0.055 * size)));
        graphics.draw(new Arc2D.Double(centreX + radius - 0.1 * size, 0.36 * size, 0.26 * size, 0.3 * size,
                -80, 160, Arc2D.OPEN));
        graphics.fill(new RoundRectangle2D.Double(centreX - radius, top, 2 * radius, bottom - top,
                0.04 * size, 0.06 * size));
        graphics.dispose();
        CylinderWarp warp = new CylinderWarp(centreX, radius, 0.25 * size, 0.77 * size,
                print.image().getWidth() / 2.0, print.image().getHeight(), placement.dpi() * MUG_RADIUS_INCHES);
        warp.paint(Argb.onWhite(print.image()), product);
        graphics = smooth(product);
        double rim = 0.05 * size;
        graphics.setColor(new Color(colour));
        graphics.fill(new Ellipse2D.Double(centreX - radius, top - rim / 2, 2 * radius, rim));
        graphics.setColor(new Color(darker(colour, 0.55)));
        graphics.fill(new Ellipse2D.Double(centreX - radius + 0.012 * size, top - rim / 2 + 0.004 * size,
                2 * radius - 0.024 * size, rim - 0.008 * size));
        graphics.dispose();
        double cx = centreX / size;
        double r = radius / size;
        return finish(product, new Shade() {
            @Override
            public double multiply(double x, double y) {
                double s = Math.max(-1, Math.min(1, (x - cx) / r));
                return Math.abs(s) >= 1 ? 0.8 : 0.6 + 0.4 * Math.sqrt(1 - s * s);
            }

            @Override
            public double highlight(double x, double y) {
                double s = (x - cx) / r;
                return 0.42 * Math.exp(-Math.pow((s + 0.52) / 0.07, 2)) + 0.1 * Math.exp(-Math.pow((s - 0.75) / 0.05, 2));
            }
        }, size, 0xECEAE6, 0xD3D0CB);
    }

    /** An 11 oz mug is about 3.25 in across. */
    static final double MUG_RADIUS_INCHES = 1.625;

    private static BufferedImage flat(PrintImage print, Placement placement, int size, double longSide,
                                      double frame) {
        double aspect = placement.widthInches() / placement.heightInches();
        double height = aspect <= 1 ? longSide : longSide / aspect;
        double width = height * aspect;
        Rectangle2D card = new Rectangle2D.Double(0.5 - width / 2, 0.5 - height / 2, width, height);
        Rectangle2D outer = new Rectangle2D.Double(card.getX() - frame, card.getY() - frame,
                card.getWidth() + 2 * frame, card.getHeight() + 2 * frame);
        BufferedImage product = silhouette(outer, 0x202020, size);
        BufferedImage trimmed = trim(print.image(), placement);
        placeDesign(product, new PrintImage(trimmed, null, print.effectiveDpi(), print.warnings()),
                scaled(card, size));
        return finish(product, new Shade() {
            @Override
            public double multiply(double x, double y) {
                return 0.95 + 0.05 * (1 - y);
            }

            @Override
            public double highlight(double x, double y) {
                return 0.06 * Math.exp(-Math.pow((x + y - 0.7) / 0.12, 2));
            }
        }, size, 0xDCD6CC, 0xB9B1A5);
    }

    private static BufferedImage sticker(PrintImage print, int size) {
        BufferedImage product = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        placeDesign(product, print, scaled(new Rectangle2D.Double(0.14, 0.14, 0.72, 0.72), size));
        return finish(product, new Shade() {
            @Override
            public double multiply(double x, double y) {
                return 1.0;
            }

            @Override
            public double highlight(double x, double y) {
                return 0.14 * Math.exp(-Math.pow((x + y - 0.75) / 0.1, 2));
            }
        }, size, 0xD9DEE4, 0xB8C0C9);
    }

    private static BufferedImage trim(BufferedImage image, Placement placement) {
        int bleed = (int) Math.round(placement.bleedInches() * placement.dpi());
        if (bleed == 0) {
            return image;
        }
        // A copy, not getSubimage: the pixel loops read the raster's whole array.
        return copy(image.getSubimage(bleed, bleed, image.getWidth() - 2 * bleed, image.getHeight() - 2 * bleed));
    }

    private static BufferedImage silhouette(Shape shape, int colour, int size) {
        BufferedImage product = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = smooth(product);
        graphics.setColor(new Color(colour));
        graphics.scale(size, size);
        graphics.fill(shape);
        graphics.dispose();
        return product;
    }

    /** Scales the print file into {@code area} (pixels) and lays it over the product where the product is. */
    private static void placeDesign(BufferedImage product, PrintImage print, Rectangle2D area) {
        BufferedImage image = print.image();
        int width = Math.max(1, (int) Math.round(area.getWidth()));
        int height = Math.max(1, (int) Math.round(area.getHeight()));
        boolean transparent = image.getType() == BufferedImage.TYPE_INT_ARGB;
        int factor = Math.min(image.getWidth() / width, image.getHeight() / height) / 2;
        if (factor >= 2) {
            BufferedImage reduced = new BufferedImage(image.getWidth() / factor, image.getHeight() / factor,
                    image.getType());
            Argb.reduce(Argb.pixels(image), image.getWidth(), image.getHeight(), factor, Argb.pixels(reduced));
            image = reduced;
        }
        BufferedImage design = transparent
                ? Argb.resize(Argb.rgbOf(image), Argb.alphaOf(image), width, height, ResampleFilter.LANCZOS3)
                : Argb.resize(image, null, width, height, ResampleFilter.LANCZOS3);
        int[] src = Argb.pixels(design);
        int[] dst = Argb.pixels(product);
        int size = product.getWidth();
        int left = (int) Math.round(area.getX());
        int top = (int) Math.round(area.getY());
        boolean replaceShape = (dst[Math.min(dst.length - 1, (top + height / 2) * size + left + width / 2)] >>> 24) == 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int px = left + x;
                int py = top + y;
                if (px < 0 || py < 0 || px >= size || py >= size) {
                    continue;
                }
                int d = py * size + px;
                int s = src[y * width + x];
                int sourceAlpha = transparent ? s >>> 24 : 255;
                if (replaceShape) {
                    dst[d] = sourceAlpha << 24 | (s & 0xFFFFFF);
                } else {
                    int shapeAlpha = dst[d] >>> 24;
                    dst[d] = shapeAlpha << 24 | Argb.over(sourceAlpha << 24 | (s & 0xFFFFFF), dst[d]);
                }
            }
        }
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
        Graphics2D graphics = copy.createGraphics();
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return copy;
    }

    /**
     * Shades the product layer, casts its soft shadow onto a vertical studio gradient and composites the two.
     */
    private static BufferedImage finish(BufferedImage product, Shade shade, int size, int backgroundTop,
                                        int backgroundBottom) {
        BufferedImage result = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] out = Argb.pixels(result);
        int[] layer = Argb.pixels(product);
        int[] shadow = Blur.box(shifted(Argb.alphaOf(product), size, size / 80), size, size, Math.max(1, size / 60));
        for (int y = 0; y < size; y++) {
            double fy = (double) y / size;
            int background = mix(backgroundTop, backgroundBottom, fy);
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double dark = 1 - 0.35 * shadow[i] / 255.0;
                int base = scale(background, dark, 0);
                int pixel = layer[i];
                int alpha = pixel >>> 24;
                if (alpha == 0) {
                    out[i] = base;
                    continue;
                }
                double fx = (double) x / size;
                double multiply = shade.multiply(fx, fy) * (1 + 0.025 * Shade.grain(x, y));
                int shaded = scale(pixel, multiply, shade.highlight(fx, fy));
                out[i] = Argb.over(alpha << 24 | shaded, base);
            }
        }
        return result;
    }

    private static int[] shifted(int[] plane, int size, int offset) {
        int[] out = new int[plane.length];
        for (int y = offset; y < size; y++) {
            System.arraycopy(plane, (y - offset) * size, out, y * size + offset, size - offset);
        }
        return out;
    }

    private static int scale(int rgb, double multiply, double highlight) {
        int add = (int) Math.round(highlight * 255);
        int r = clamp((int) Math.round(((rgb >> 16) & 0xFF) * multiply) + add);
        int g = clamp((int) Math.round(((rgb >> 8) & 0xFF) * multiply) + add);
        int b = clamp((int) Math.round((rgb & 0xFF) * multiply) + add);
        return r << 16 | g << 8 | b;
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return r << 16 | g << 8 | bl;
    }

    private static int darker(int rgb, double factor) {
        return scale(rgb, factor, 0);
    }

    private static int clamp(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return graphics;
    }

    private static Rectangle2D scaled(Rectangle2D fraction, int size) {
        return new Rectangle2D.Double(fraction.getX() * size, fraction.getY() * size, fraction.getWidth() * size,
                fraction.getHeight() * size);
    }

    private static Shape tshirtShape() {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0.39, 0.12);
        path.curveTo(0.42, 0.19, 0.58, 0.19, 0.61, 0.12);
        path.lineTo(0.77, 0.16);
        path.lineTo(0.95, 0.34);
        path.lineTo(0.85, 0.44);
        path.lineTo(0.78, 0.38);
        path.lineTo(0.79, 0.93);
        path.quadTo(0.5, 0.95, 0.21, 0.93);
        path.lineTo(0.22, 0.38);
        path.lineTo(0.15, 0.44);
        path.lineTo(0.05, 0.34);
        path.lineTo(0.23, 0.16);
        path.closePath();
        return path;
    }

    private static Shade tshirtShade() {
        return new Shade() {
            @Override
            public double multiply(double x, double y) {
                double folds = 0.07 * Math.pow(Math.abs(Math.sin(x * 17 + y * 6)), 3)
                        + 0.05 * Math.pow(Math.abs(Math.sin(x * 7 - y * 11 + 1.3)), 4);
                double sides = 0.16 * Math.pow(Math.abs(x - 0.5) / 0.45, 4);
                double collar = 0.12 * Math.exp(-(Math.pow((x - 0.5) / 0.09, 2) + Math.pow((y - 0.17) / 0.025, 2)));
                return 1.0 - folds - sides - collar;
            }

            @Override
            public double highlight(double x, double y) {
                return 0.07 * Math.exp(-(Math.pow((x - 0.36) / 0.12, 2) + Math.pow((y - 0.3) / 0.15, 2)));
            }
        };
    }

    private static Shape toteShape() {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        path.moveTo(0.2, 0.32);
        path.lineTo(0.8, 0.32);
        path.lineTo(0.82, 0.92);
        path.lineTo(0.18, 0.92);
        path.closePath();
        BasicStroke handle = new BasicStroke(0.035f);
        path.append(handle.createStrokedShape(new Arc2D.Double(0.3, 0.1, 0.14, 0.44, 0, 180, Arc2D.OPEN)), false);
        path.append(handle.createStrokedShape(new Arc2D.Double(0.56, 0.1, 0.14, 0.44, 0, 180, Arc2D.OPEN)), false);
        return path;
    }

    private static Shade toteShade() {
        return new Shade() {
            @Override
            public double multiply(double x, double y) {
                int weaveX = (int) (x * 400);
                int weaveY = (int) (y * 400);
                double weave = ((weaveX + weaveY) & 1) == 0 ? 0.03 : -0.03;
                double bottom = 0.12 * Math.pow(Math.max(0, y - 0.75) / 0.17, 2);
                double sag = 0.05 * Math.pow(Math.abs(Math.sin((x - 0.2) * 9)), 6);
                return 0.96 + weave - bottom - sag;
            }

            @Override
            public double highlight(double x, double y) {
                return 0.04 * Math.exp(-(Math.pow((x - 0.4) / 0.15, 2) + Math.pow((y - 0.45) / 0.2, 2)));
            }
        };
    }
}
