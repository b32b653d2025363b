package com.pawprint.samples;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.BasicStroke;

/**
 * A pet's body in a pose, in body units: x grows towards the pet's front, y grows downwards, the ground is y = 0,
 * and a sitting cat is about 80 units tall. The head is placed by its centre and scale; {@link PetPainter} draws
 * it.
 */
record Figure(Area farLimbs, Area torso, Area nearLimbs, Area tail, double headX, double headY, double headScale,
              Area chest, Area shadow) {

    static Figure of(Pose pose, Species species) {
        boolean cat = species == Species.CAT;
        return switch (pose) {
            case SITTING -> new Figure(
                    union(ellipse(-15, -2.5, 13, 6), ellipse(15, -2.5, 13, 6)),
                    union(ellipse(0, -12, 40, 25), ellipse(0, -31, 28, 36)),
                    union(leg(-10, -27, 7, 26), leg(3, -27, 7, 26), ellipse(-6.5, -2, 10, 5), ellipse(6.5, -2, 10, 5)),
                    cat ? tail(15, -5, 30, -3, 33, -20, 26, -33, 5) : tail(16, -6, 26, -4, 30, -12, 31, -20, 6.5),
                    0, -56, cat ? 1.0 : 1.05,
                    new Area(ellipse(0, -28, 14, 24)),
                    new Area(ellipse(0, 0, 54, 7)));
            case STANDING -> new Figure(
                    union(leg(14, -28, 6.5, 27), leg(-26, -28, 6.5, 27), ellipse(17.5, -1.5, 9, 4),
                            ellipse(-22.5, -1.5, 9, 4)),
                    union(ellipse(0, -30, 56, 24), ellipse(19, -32, 22, 25), ellipse(25, -41, 14, 22),
                            ellipse(-19, -31, 22, 24)),
                    union(leg(20, -30, 7, 29), leg(-20, -30, 7, 29), ellipse(-17, -24, 14, 18),
                            ellipse(24, -1.5, 9, 4), ellipse(-16, -1.5, 9, 4)),
                    cat ? tail(-27, -34, -38, -38, -40, -56, -33, -62, 4.5)
                            : tail(-27, -36, -35, -42, -39, -50, -35, -56, 6),
                    31, -51, 0.95,
                    new Area(ellipse(24, -34, 12, 20)),
                    new Area(ellipse(0, 0, 68, 7)));
            case LYING -> new Figure(
                    new Area(ellipse(25, -4.5, 20, 6)),
                    union(ellipse(-6, -11, 60, 21), ellipse(-20, -13, 28, 24), ellipse(12, -14, 22, 22)),
                    union(ellipse(22, -2.5, 22, 6), ellipse(-16, -6, 20, 10)),
                    cat ? tail(-34, -7, -46, -6, -48, -1, -36, -1.5, 4.5)
                            : tail(-35, -9, -42, -10, -47, -6, -50, -3, 6),
                    19, -28, 0.95,
                    new Area(ellipse(14, -13, 12, 14)),
                    new Area(ellipse(-5, 0, 74, 6)));
            case PORTRAIT -> new Figure(
                    new Area(),
                    union(ellipse(0, 2, 84, 52), ellipse(0, -22, 36, 30)),
                    new Area(),
                    new Area(),
                    0, -52, 1.75,
                    new Area(ellipse(0, -8, 30, 36)),
                    new Area());
        };
    }

    static Ellipse2D ellipse(double cx, double cy, double width, double height) {
        return new Ellipse2D.Double(cx - width / 2, cy - height / 2, width, height);
    }

    private static Shape leg(double x, double top, double width, double height) {
        return new RoundRectangle2D.Double(x, top, width, height, width * 0.8, width * 0.8);
    }

    private static Area tail(double x0, double y0, double c1x, double c1y, double c2x, double c2y, double x1,
                             double y1, double width) {
        Shape curve = new CubicCurve2D.Double(x0, y0, c1x, c1y, c2x, c2y, x1, y1);
        return new Area(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(curve));
    }

    private static Area union(Shape... shapes) {
        Area area = new Area();
        for (Shape shape : shapes) {
            area.add(new Area(shape));
        }
        return area;
    }
}
