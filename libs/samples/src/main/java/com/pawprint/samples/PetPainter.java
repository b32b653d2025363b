package com.pawprint.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Draws a pet with Java2D: silhouette filled with shaded fur, markings clipped to it, fur strands for texture,
 * then the face. Works in body units (see {@link Figure}) through one transform, so poses, sizes and facing
 * direction are a matter of numbers.
 */
final class PetPainter {

    private static final Color CAT_NOSE = new Color(0xD98A8A);
    private static final Color EAR_INSIDE = new Color(0xE6A3AA);
    private static final Color DARK_NOSE = new Color(0x221D1C);
    private static final Color OUTLINE = new Color(0x1A1512);
    private static final Color TONGUE = new Color(0xDE6F7A);
    private static final Color TUXEDO_WHITE = new Color(0xF1EEE8);

    private final PetLook look;
    private final Random random;
    private final Color fur;
    private final Color markings;

    PetPainter(PetLook look, Random random) {
        this.look = look;
        this.random = random;
        this.fur = look.fur().color();
        this.markings = markingsColor(look);
    }

    /**
     * Paints the pet in {@code pose} onto {@code layer} (transparent ARGB) with its feet on {@code groundY}, fitted
     * into the frame, and returns its outline in pixels.
     */
    Shape paint(BufferedImage layer, Graphics2D g, Pose pose, double groundY) {
        int width = layer.getWidth();
        int height = layer.getHeight();
        Figure figure = Figure.of(pose, look.species());
        boolean facingLeft = random.nextBoolean();
        Head head = head(figure, Math.toRadians((random.nextDouble() * 2 - 1) * 9));
        Area furArea = new Area(figure.farLimbs());
        furArea.add(figure.torso());
        furArea.add(figure.nearLimbs());
        furArea.add(figure.tail());
        furArea.add(head.skull);
        Area silhouette = new Area(furArea);
        silhouette.add(head.ears);
        Rectangle2D units = silhouette.getBounds2D();

        double base = Math.min(width, height) / 100.0;
        double unit = base * (pose == Pose.PORTRAIT ? 1.0 : 0.78 + 0.22 * random.nextDouble());
        double ground = pose == Pose.PORTRAIT ? height : groundY;
        unit = Math.min(unit, 0.94 * width / units.getWidth());
        unit = Math.min(unit, (ground - 0.03 * height) / -units.getMinY());
        double halfLeft = (facingLeft ? units.getMaxX() : -units.getMinX()) * unit;
        double halfRight = (facingLeft ? -units.getMinX() : units.getMaxX()) * unit;
        double minX = halfLeft + 0.03 * width;
        double maxX = width - halfRight - 0.03 * width;
        double centerX = minX >= maxX ? width / 2.0 : minX + (maxX - minX) * (0.3 + 0.4 * random.nextDouble());

        AffineTransform toPixels = new AffineTransform();
        toPixels.translate(centerX, ground);
        toPixels.scale(facingLeft ? -unit : unit, unit);
        Shape outline = toPixels.createTransformedShape(silhouette);
        AffineTransform saved = g.getTransform();
        g.transform(toPixels);
        paintCoat(g, figure, head, furArea, silhouette);
        g.setTransform(saved);
        paintStrands(new PixelLines(layer, true), outline.getBounds(), unit);
        g.transform(toPixels);
        g.setColor(new Color(0, 0, 0, 90));
        g.setStroke(new BasicStroke(0.35f));
        g.draw(silhouette);
        paintFace(g, head);
        g.setTransform(saved);
        return outline;
    }

    private void paintCoat(Graphics2D g, Figure figure, Head head, Area furArea, Area silhouette) {
        g.setColor(new Color(0, 0, 0, 70));
        g.fill(figure.shadow());

        Rectangle2D bounds = silhouette.getBounds2D();
        GradientPaint shaded = new GradientPaint(0, (float) bounds.getMinY(), Tones.lighter(fur, 0.15),
                0, (float) bounds.getMaxY(), Tones.darker(fur, 0.88));
        g.setPaint(shaded);
        g.fill(figure.tail());
        g.setColor(Tones.darker(fur, 0.78));
        g.fill(figure.farLimbs());
        g.setPaint(shaded);
        g.fill(figure.torso());
        g.fill(figure.nearLimbs());
        boolean floppyEars = look.species() == Species.DOG;
        if (!floppyEars) {
            g.setColor(Tones.darker(fur, 0.85));
            g.fill(head.ears);
        }
        g.setPaint(shaded);
        g.fill(head.skull);

        Shape savedClip = g.getClip();
        g.clip(furArea);
        paintMarkings(g, figure, head, furArea);
        g.setClip(savedClip);
        if (floppyEars) {
            g.setColor(Tones.darker(fur, 0.8));
            g.fill(head.ears);
        }
    }

    /** The head's parts, in body units. */
    private record Head(Area skull, Area ears, Area muzzle, AffineTransform place) {
    }

    private Head head(Figure figure, double tilt) {
        AffineTransform place = new AffineTransform();
        place.translate(figure.headX(), figure.headY());
        place.rotate(tilt);
        place.scale(figure.headScale(), figure.headScale());
        Area skull;
        Area ears = new Area();
        Area muzzle;
        if (look.species() == Species.CAT) {
            skull = new Area(Figure.ellipse(0, -1, 32, 27));
            skull.add(new Area(Figure.ellipse(0, 5, 35, 17)));
            ears.add(new Area(triangle(-14, -5, -12.5, -23, -3, -13)));
            ears.add(new Area(triangle(14, -5, 12.5, -23, 3, -13)));
            muzzle = new Area(Figure.ellipse(0, 6.5, 14, 9));
        } else {
            skull = new Area(Figure.ellipse(0, -2, 30, 27));
            muzzle = new Area(Figure.ellipse(0, 7, 17, 13));
            skull.add(muzzle);
            for (int side : new int[] {-1, 1}) {
                AffineTransform hang = AffineTransform.getRotateInstance(side * Math.toRadians(18), side * 14, -8);
                ears.add(new Area(hang.createTransformedShape(Figure.ellipse(side * 15.5, 3, 10, 22))));
            }
        }
        return new Head(skull.createTransformedArea(place), ears.createTransformedArea(place),
                muzzle.createTransformedArea(place), place);
    }

    private void paintMarkings(Graphics2D g, Figure figure, Head head, Area furArea) {
        Rectangle2D body = furArea.getBounds2D();
        switch (look.pattern()) {
            case SOLID -> {
            }
            case TABBY -> {
                g.setColor(markings);
                g.setStroke(new BasicStroke(2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Area stripesOn = new Area(figure.torso());
                stripesOn.add(figure.nearLimbs());
                stripesOn.add(figure.farLimbs());
                stripesOn.add(figure.tail());
                Shape clip = g.getClip();
                g.clip(stripesOn);
                for (double x = body.getMinX() + 3; x < body.getMaxX(); x += 5.5 + random.nextDouble() * 2) {
                    double bend = (random.nextDouble() - 0.5) * 8;
                    g.draw(new QuadCurve2D.Double(x, body.getMinY(), x + bend, body.getCenterY(), x - bend * 0.5,
                            body.getMaxY()));
                }
                g.setClip(clip);
                g.clip(head.skull);
                AffineTransform saved = g.getTransform();
                g.transform(head.place);
                g.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(-3.5, -12.5, -2.2, -6.5));
                g.draw(new Line2D.Double(0, -13.5, 0, -6.5));
                g.draw(new Line2D.Double(3.5, -12.5, 2.2, -6.5));
                for (int side : new int[] {-1, 1}) {
                    g.draw(new Line2D.Double(side * 11.5, 1.5, side * 16.5, 0.5));
                    g.draw(new Line2D.Double(side * 11.5, 4.5, side * 16, 4));
                }
                g.setTransform(saved);
                g.setClip(clip);
            }
            case SPOTTED -> {
                g.setColor(markings);
                int patches = 5 + random.nextInt(4);
                for (int i = 0; i < patches; i++) {
                    double w = 7 + random.nextDouble() * 10;
                    double h = w * (0.6 + random.nextDouble() * 0.5);
                    g.fill(Figure.ellipse(body.getMinX() + random.nextDouble() * body.getWidth(),
                            body.getMinY() + random.nextDouble() * body.getHeight(), w, h));
                }
            }
            case TUXEDO -> {
                g.setColor(TUXEDO_WHITE);
                g.fill(figure.chest());
                g.fill(head.muzzle);
                Area paws = new Area(figure.nearLimbs());
                paws.add(figure.farLimbs());
                paws.intersect(new Area(new Rectangle2D.Double(-100, -6.5, 200, 10)));
                g.fill(paws);
            }
        }
        if (look.species() == Species.DOG && look.pattern() != FurPattern.TUXEDO) {
            g.setColor(Tones.withAlpha(Tones.lighter(fur, 0.25), 150));
            g.fill(head.muzzle);
        }
    }

    /**
     * Short strokes, translucent dark and light, so the coat reads as fur over any colour or marking and a camera
     * would find detail in it. Same density per body unit at any image size.
     */
    private void paintStrands(PixelLines lines, Rectangle box, double unit) {
        int strands = (int) (box.getWidth() * box.getHeight() * 2.2 / (unit * unit));
        int thickness = Math.max(1, (int) Math.round(0.3 * unit));
        int darkAlpha = look.fur() == FurColor.BLACK ? 50 : 35;
        int lightAlpha = look.fur() == FurColor.BLACK ? 22 : 55;
        for (int i = 0; i < strands; i++) {
            double x = box.x + random.nextDouble() * box.width;
            double y = box.y + random.nextDouble() * box.height;
            if (!lines.isOpaque((int) x, (int) y)) {
                continue;
            }
            double angle = Math.PI / 2 + (random.nextDouble() - 0.5) * 1.2;
            double length = (1.1 + random.nextDouble() * 1.2) * unit;
            boolean light = random.nextBoolean();
            lines.draw(x, y, angle, length, thickness, light ? 0xFFFFFF : 0x000000, light ? lightAlpha : darkAlpha);
        }
    }

    private void paintFace(Graphics2D g, Head head) {
        AffineTransform saved = g.getTransform();
        g.transform(head.place);
        if (look.species() == Species.CAT) {
            catFace(g);
        } else {
            dogFace(g);
        }
        g.setTransform(saved);
    }

    private void catFace(Graphics2D g) {
        Color inner = look.fur().isDark() ? Tones.darker(EAR_INSIDE, 0.7) : EAR_INSIDE;
        g.setColor(inner);
        g.fill(triangle(-12, -9.5, -11.4, -19.5, -6.5, -13.8));
        g.fill(triangle(12, -9.5, 11.4, -19.5, 6.5, -13.8));
        for (int side : new int[] {-1, 1}) {
            double ex = side * 6.5;
            Shape eye = Figure.ellipse(ex, -1.5, 8.2, 6.2);
            g.setPaint(new GradientPaint((float) ex, -4.6f, Tones.lighter(look.eyes().color(), 0.35),
                    (float) ex, 1.6f, Tones.darker(look.eyes().color(), 0.8)));
            g.fill(eye);
            g.setColor(OUTLINE);
            g.setStroke(new BasicStroke(0.55f));
            g.draw(eye);
            g.fill(Figure.ellipse(ex, -1.5, 1.9 + random.nextDouble() * 1.2, 5.2));
            g.setColor(Color.WHITE);
            g.fill(Figure.ellipse(ex + 1.4, -2.9, 1.5, 1.5));
        }
        g.setColor(look.fur().isDark() ? Tones.darker(CAT_NOSE, 0.7) : CAT_NOSE);
        g.fill(triangle(-2.1, 4.2, 2.1, 4.2, 0, 6.3));
        g.setColor(OUTLINE);
        g.setStroke(new BasicStroke(0.45f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(0, 6.3, 0, 7.6));
        g.draw(new QuadCurve2D.Double(0, 7.6, -1.2, 9, -2.8, 8.4));
        g.draw(new QuadCurve2D.Double(0, 7.6, 1.2, 9, 2.8, 8.4));
        g.setColor(new Color(245, 245, 240, 200));
        g.setStroke(new BasicStroke(0.28f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int side : new int[] {-1, 1}) {
            for (int i = -1; i <= 1; i++) {
                g.draw(new QuadCurve2D.Double(side * 4, 6.5 + i * 0.6, side * 10, 5 + i * 2.4, side * 17,
                        5.5 + i * 3.3));
            }
        }
    }

    private void dogFace(Graphics2D g) {
        for (int side : new int[] {-1, 1}) {
            double ex = side * 6;
            g.setColor(OUTLINE);
            g.fill(Figure.ellipse(ex, -3, 6.6, 6.6));
            g.setColor(look.eyes().color());
            g.fill(Figure.ellipse(ex, -3, 5.4, 5.4));
            g.setColor(OUTLINE);
            g.fill(Figure.ellipse(ex, -3, 3.0, 3.0));
            g.setColor(Color.WHITE);
            g.fill(Figure.ellipse(ex + 1.0, -4.0, 1.4, 1.4));
            g.setColor(Tones.darker(fur, 0.7));
            g.setStroke(new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new QuadCurve2D.Double(ex - 2.5, -7.2, ex, -8.6, ex + 2.5, -7.4));
        }
        if (random.nextInt(5) < 2) {
            g.setColor(TONGUE);
            g.fill(Figure.ellipse(0, 11.3, 4.6, 5.4));
        }
        g.setColor(DARK_NOSE);
        Path2D nose = new Path2D.Double();
        nose.moveTo(-3.8, 2.6);
        nose.quadTo(0, 0.8, 3.8, 2.6);
        nose.quadTo(3.6, 5.6, 0, 6.4);
        nose.quadTo(-3.6, 5.6, -3.8, 2.6);
        g.fill(nose);
        g.setColor(new Color(255, 255, 255, 120));
        g.fill(Figure.ellipse(-1.2, 2.6, 2.0, 0.9));
        g.setColor(OUTLINE);
        g.setStroke(new BasicStroke(0.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(0, 6.4, 0, 9));
        g.draw(new QuadCurve2D.Double(0, 9, -2, 10.8, -4.4, 9.8));
        g.draw(new QuadCurve2D.Double(0, 9, 2, 10.8, 4.4, 9.8));
    }

    private static Shape triangle(double x0, double y0, double x1, double y1, double x2, double y2) {
        Path2D path = new Path2D.Double();
        path.moveTo(x0, y0);
        path.lineTo(x1, y1);
        path.lineTo(x2, y2);
        path.closePath();
        return path;
    }

    private static Color markingsColor(PetLook look) {
        FurColor fur = look.fur();
        return switch (look.pattern()) {
            case TABBY -> fur == FurColor.BLACK ? new Color(0x4B4541) : Tones.darker(fur.color(), 0.5);
            case SPOTTED -> fur.isDark() ? FurColor.WHITE.color()
                    : fur == FurColor.WHITE ? FurColor.BLACK.color() : FurColor.BROWN.color();
            case SOLID, TUXEDO -> fur.color();
        };
    }
}
