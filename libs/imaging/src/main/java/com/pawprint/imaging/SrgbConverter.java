package com.pawprint.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;

/**
 * Brings a decoded image to opaque sRGB in {@link BufferedImage#TYPE_INT_RGB}: an embedded ICC profile
 * (Display P3, Adobe RGB, CMYK...) is converted through the colour management system, and transparency is
 * flattened onto white, which is what a JPEG (no alpha) and a printed product show behind a cut-out.
 */
public final class SrgbConverter {

    private SrgbConverter() {
    }

    public static BufferedImage toOpaqueSrgb(BufferedImage image) {
        BufferedImage srgb = convertProfile(image);
        if (srgb.getType() == BufferedImage.TYPE_INT_RGB) {
            return srgb;
        }
        BufferedImage opaque = new BufferedImage(srgb.getWidth(), srgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = opaque.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, opaque.getWidth(), opaque.getHeight());
            graphics.drawImage(srgb, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return opaque;
    }

    /**
     * Converts an opaque {@link BufferedImage#TYPE_INT_RGB} image whose values are in {@code profile} (though
     * labelled sRGB, as the JDK's PNG reader leaves them) to sRGB.
     */
    static BufferedImage fromProfile(BufferedImage image, ICC_Profile profile) {
        BufferedImage target = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(new ICC_Profile[] {profile, ICC_Profile.getInstance(ColorSpace.CS_sRGB)}, null)
                .filter(image.getRaster(), target.getRaster());
        return target;
    }

    private static BufferedImage convertProfile(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        boolean managed = space instanceof ICC_ColorSpace && !space.isCS_sRGB()
                && (space.getType() == ColorSpace.TYPE_RGB || space.getType() == ColorSpace.TYPE_CMYK);
        if (!managed) {
            return image;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage target = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(space, ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(image, target);
        return target;
    }
}
