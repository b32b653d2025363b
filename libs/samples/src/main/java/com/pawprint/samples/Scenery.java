package com.pawprint.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Paints a {@link Scene} and says where the pet's feet go. */
final class Scenery {

    private static final Color SKY_TOP = new Color(0x7FB2E5);
    private static final Color SKY_BOTTOM = new Color(0xD4E6F5);
    private static final Color WOOD = new Color(0x9A6B43);
    private static final Color BASEBOARD = new Color(0xEDEBE6);
    private static final Color SOFA_WALL = new Color(0xE6DFD0);

    private Scenery() {
    }

    /** Paints the background of {@code spec} and returns the y of the floor the pet stands on. */
    static double paint(BufferedImage image, Graphics2D g, PetSpec spec, Random random) {
        int w = spec.width();
        int h = spec.height();
        Color main = spec.backgroundColor().color();
        return switch (spec.scene()) {
            case PLAIN -> {
                g.setColor(main);
                g.fillRect(0, 0, w, h);
                yield h * (0.86 + 0.05 * random.nextDouble());
            }
            case GRADIENT -> {
                g.setPaint(new GradientPaint(0, 0, Tones.lighter(main, 0.15), 0, h, Tones.darker(main, 0.7)));
                g.fillRect(0, 0, w, h);
                yield h * (0.86 + 0.05 * random.nextDouble());
            }
            case ROOM -> room(g, w, h, main, random);
            case GRASS -> grass(image, g, w, h, random);
            case SOFA -> sofa(g, w, h, main, random);
        };
    }

    private static double room(Graphics2D g, int w, int h, Color wall, Random random) {
        double floorY = h * (0.58 + 0.06 * random.nextDouble());
        g.setColor(wall);
        g.fillRect(0, 0, w, (int) floorY + 1);
        double windowW = w * (0.22 + 0.1 * random.nextDouble());
        double windowH = floorY * 0.5;
        double windowX = random.nextBoolean() ? w * 0.08 : w * 0.92 - windowW;
        double windowY = floorY * 0.18;
        g.setPaint(new GradientPaint(0, (float) windowY, SKY_TOP, 0, (float) (windowY + windowH), SKY_BOTTOM));
        g.fill(new Rectangle2D.Double(windowX, windowY, windowW, windowH));
        g.setColor(BASEBOARD);
        g.setStroke(new BasicStroke((float) (w * 0.012)));
        g.draw(new Rectangle2D.Double(windowX, windowY, windowW, windowH));
        g.draw(new Line2D.Double(windowX + windowW / 2, windowY, windowX + windowW / 2, windowY + windowH));
        g.draw(new Line2D.Double(windowX, windowY + windowH / 2, windowX + windowW, windowY + windowH / 2));
        g.fill(new Rectangle2D.Double(0, floorY - h * 0.025, w, h * 0.025));
        g.setPaint(new GradientPaint(0, (float) floorY, Tones.darker(WOOD, 0.8), 0, h, WOOD));
        g.fill(new Rectangle2D.Double(0, floorY, w, h - floorY));
        g.setColor(Tones.darker(WOOD, 0.65));
        g.setStroke(new BasicStroke(Math.max(1f, w * 0.002f)));
        for (double y = floorY + h * 0.04; y < h; y += h * 0.055) {
            g.draw(new Line2D.Double(0, y, w, y));
        }
        return floorY + (h - floorY) * (0.6 + 0.25 * random.nextDouble());
    }

    private static double grass(BufferedImage image, Graphics2D g, int w, int h, Random random) {
        double horizon = h * (0.4 + 0.08 * random.nextDouble());
        g.setPaint(new GradientPaint(0, 0, SKY_TOP, 0, (float) horizon, SKY_BOTTOM));
        g.fillRect(0, 0, w, (int) horizon + 1);
        Color trees = new Color(0x3D6B35);
        g.setColor(trees);
        for (int i = 0; i < 7; i++) {
            double r = w * (0.07 + 0.06 * random.nextDouble());
            g.fill(new Ellipse2D.Double(random.nextDouble() * w - r, horizon - r * 1.2, r * 2, r * 1.6));
        }
        Color grass = PetSpec.GRASS_GREEN.color();
        g.setPaint(new GradientPaint(0, (float) horizon, Tones.darker(grass, 0.85), 0, h, grass));
        g.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));
        PixelLines lines = new PixelLines(image, false);
        int thickness = Math.max(1, Math.round(w * 0.0025f));
        int blades = w * 3;
        for (int i = 0; i < blades; i++) {
            double x = random.nextDouble() * w;
            double y = horizon + Math.sqrt(random.nextDouble()) * (h - horizon);
            double length = h * 0.012 + h * 0.03 * (y - horizon) / (h - horizon) * random.nextDouble();
            double angle = -Math.PI / 2 + (random.nextDouble() - 0.5) * 0.6;
            lines.draw(x, y, angle, length, thickness, Tones.jitter(grass, random, 0.25).getRGB(), 255);
        }
        for (int i = 0; i < 12; i++) {
            g.setColor(random.nextBoolean() ? Color.WHITE : new Color(0xF2D43D));
            double size = w * 0.008;
            g.fill(new Ellipse2D.Double(random.nextDouble() * w, horizon + random.nextDouble() * (h - horizon),
                    size, size));
        }
        return h * (0.84 + 0.08 * random.nextDouble());
    }

    private static double sofa(Graphics2D g, int w, int h, Color fabric, Random random) {
        g.setColor(SOFA_WALL);
        g.fillRect(0, 0, w, h);
        double backTop = h * (0.22 + 0.06 * random.nextDouble());
        double seatTop = h * (0.6 + 0.05 * random.nextDouble());
        double seatBottom = h * 0.93;
        double arc = w * 0.06;
        g.setColor(Tones.darker(fabric, 0.9));
        g.fill(new RoundRectangle2D.Double(-w * 0.05, backTop, w * 1.1, seatTop - backTop + arc, arc, arc));
        g.setPaint(new GradientPaint(0, (float) seatTop, Tones.lighter(fabric, 0.08), 0, (float) seatBottom,
                Tones.darker(fabric, 0.75)));
        g.fill(new RoundRectangle2D.Double(-w * 0.05, seatTop, w * 1.1, seatBottom - seatTop, arc, arc));
        g.setColor(Tones.darker(fabric, 0.7));
        g.setStroke(new BasicStroke((float) (w * 0.004)));
        g.draw(new Line2D.Double(w * 0.5, backTop + arc, w * 0.5, seatTop - arc * 0.3));
        g.setColor(Tones.darker(fabric, 0.82));
        g.fill(new RoundRectangle2D.Double(-w * 0.06, backTop + (seatTop - backTop) * 0.45, w * 0.14,
                seatBottom - backTop, arc, arc));
        g.fill(new RoundRectangle2D.Double(w * 0.92, backTop + (seatTop - backTop) * 0.45, w * 0.14,
                seatBottom - backTop, arc, arc));
        g.setColor(new Color(0x6E4B30));
        g.fill(new Rectangle2D.Double(0, seatBottom, w, h - seatBottom));
        return seatTop + (seatBottom - seatTop) * (0.35 + 0.2 * random.nextDouble());
    }
}
