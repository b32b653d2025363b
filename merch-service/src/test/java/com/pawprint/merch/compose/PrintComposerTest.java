package com.pawprint.merch.compose;

import com.pawprint.merch.catalog.BackgroundPolicy;
import com.pawprint.merch.catalog.FileFormat;
import com.pawprint.merch.catalog.FillMode;
import com.pawprint.merch.catalog.MockupStyle;
import com.pawprint.merch.catalog.Placement;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class PrintComposerTest {

    private static final Placement STICKER = new Placement("front", 3, 3, 300, FillMode.CONTAIN, FileFormat.PNG,
            BackgroundPolicy.REMOVE, 0, 0, 0.08);
    private static final Placement MUG_WRAP = new Placement("wrap", 9, 3.5, 300, FillMode.CONTAIN, FileFormat.PNG,
            BackgroundPolicy.KEEP, 0, 0, 0);
    private static final Placement TSHIRT = new Placement("front", 12, 16, 300, FillMode.CONTAIN, FileFormat.PNG,
            BackgroundPolicy.REMOVE, 0, 0, 0);

    private final PrintComposer composer = new PrintComposer(20, 40, 2);

    /** A red disc of radius 80 on a plain light-blue 300 x 300 background: the subject's outline is known. */
    private static BufferedImage disc() {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setColor(new Color(0xBFD8F0));
        graphics.fillRect(0, 0, 300, 300);
        graphics.setColor(new Color(0xD02020));
        graphics.fill(new Ellipse2D.Double(70, 70, 160, 160));
        graphics.dispose();
        return image;
    }

    @Test
    void stickerIsTransparentOutsideTheSubjectWithAWhiteBorderAndACutLine() {
        PrintImage print = composer.compose(disc(), STICKER, null, BackgroundPolicy.REMOVE);

        BufferedImage sticker = print.image();
        assertThat(sticker.getWidth()).isEqualTo(900);
        assertThat(sticker.getHeight()).isEqualTo(900);
        // Fit: the 300 px design in 900 - 2 x (24 + 2) px, so the disc's radius is 80 x 848 / 300 = 226 px.
        double radius = 80 * 848 / 300.0;
        double outline = 0.08 * 300;
        int checkedOutside = 0;
        for (int y = 0; y < 900; y += 3) {
            for (int x = 0; x < 900; x += 3) {
                double distance = Math.hypot(x + 0.5 - 450, y + 0.5 - 450);
                int argb = sticker.getRGB(x, y);
                int alpha = argb >>> 24;
                if (distance > radius + outline + 12) {
                    assertThat(alpha).as("alpha at %d,%d", x, y).isZero();
                    checkedOutside++;
                } else if (distance < radius - 10) {
                    assertThat(alpha).isEqualTo(255);
                    assertThat((argb >> 16) & 0xFF).as("red inside the subject").isGreaterThan(180);
                    assertThat(argb & 0xFF).isLessThan(80);
                } else if (distance > radius + 10 && distance < radius + outline - 4) {
                    assertThat(alpha).as("opaque border at %d,%d", x, y).isEqualTo(255);
                    assertThat(Math.min(argb & 0xFF, Math.min((argb >> 8) & 0xFF, (argb >> 16) & 0xFF)))
                            .as("white border at %d,%d", x, y).isGreaterThanOrEqualTo(250);
                }
            }
        }
        assertThat(checkedOutside).isGreaterThan(10_000);
        BufferedImage cutLine = print.cutLine();
        for (int y = 0; y < 900; y++) {
            for (int x = 0; x < 900; x++) {
                if ((cutLine.getRGB(x, y) >>> 24) != 0) {
                    assertThat(Math.hypot(x + 0.5 - 450, y + 0.5 - 450)).isBetween(radius + outline - 6,
                            radius + outline + 8);
                }
            }
        }
        assertThat(cutLine.getRGB(450 + (int) (radius + outline), 450) >>> 24
                | cutLine.getRGB(451 + (int) (radius + outline), 450) >>> 24
                | cutLine.getRGB(449 + (int) (radius + outline), 450) >>> 24).isNotZero();
    }

    @Test
    void mugWarpKeepsTheDesignsCentreLineStraight() {
        BufferedImage wrap = new BufferedImage(2700, 1050, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = wrap.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 2700, 1050);
        graphics.setColor(Color.RED);
        graphics.fillRect(1344, 0, 12, 1050);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(0, 520, 2700, 10);
        graphics.dispose();

        BufferedImage mockup = MockupPainter.paint(MockupStyle.MUG, 0xFFFFFF,
                new PrintImage(wrap, null, 300, List.of()), MUG_WRAP, 1000);

        // The body spans x 240..680 (centre 0.46 x 1000); the print band y 250..770.
        List<Double> centres = new ArrayList<>();
        for (int y = 260; y < 760; y += 10) {
            if (y >= 500 && y <= 520) {
                continue;
            }
            double sum = 0;
            int count = 0;
            for (int x = 240; x < 680; x++) {
                int rgb = mockup.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                if (r > 90 && r > 2 * g) {
                    sum += x;
                    count++;
                }
            }
            assertThat(count).as("red pixels in row %d", y).isGreaterThan(0);
            centres.add(sum / count);
        }
        double first = centres.get(0);
        assertThat(centres).allSatisfy(centre -> assertThat(centre).isCloseTo(first, offset(0.75)));
        assertThat(first).isCloseTo(460.0, offset(1.5));
        // The horizontal line (print rows 520-530 = mockup rows ~508-512) stays straight: the warp is horizontal only.
        for (int x = 300; x < 620; x += 20) {
            int rgb = mockup.getRGB(x, 510);
            assertThat(rgb & 0xFF).as("blue at %d", x).isGreaterThan(((rgb >> 16) & 0xFF) + 40);
        }
    }

    @Test
    void placementsOutsideThePrintAreaAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PrintComposer.checkInside(TSHIRT, 512, 512, new DesignPlacement(null, null, 1.0, 45)))
                .isInstanceOf(CompositionException.class)
                .hasMessageContaining("outside the front print area (12 x 16 in)");
        assertThatThrownBy(() -> PrintComposer.checkInside(TSHIRT, 512, 512, new DesignPlacement(2.0, 8.0, 0.5, 0)))
                .isInstanceOf(CompositionException.class);
        PrintComposer.checkInside(TSHIRT, 512, 512, new DesignPlacement(6.0, 8.0, 0.5, 30));
    }

    @Test
    void aRenderBelowTheFloorIsRefusedAndOneUnder150DpiIsWarnedAbout() {
        BufferedImage tiny = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> composer.compose(tiny, TSHIRT, null, BackgroundPolicy.REMOVE))
                .isInstanceOf(CompositionException.class)
                .hasMessageContaining("too small")
                .hasMessageContaining("8 DPI");
        PrintImage mug = composer.compose(disc(), MUG_WRAP, null, BackgroundPolicy.KEEP);
        assertThat(mug.effectiveDpi()).isCloseTo(300 * 300 / 1050.0, offset(0.5));
        assertThat(mug.warnings()).containsExactly("effective resolution 86 DPI (below 150)");
    }

    @Test
    void pngRoundTripsPixelsAndCarriesDpiAndSrgb() throws IOException {
        BufferedImage image = new BufferedImage(301, 257, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 257; y++) {
            for (int x = 0; x < 301; x++) {
                image.setRGB(x, y, ((x * 7 + y) & 0xFF) << 24 | (x & 0xFF) << 16 | (y & 0xFF) << 8 | ((x ^ y) & 0xFF));
            }
        }
        byte[] png = PrintFiles.png(image, 300);

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < 257; y++) {
            for (int x = 0; x < 301; x++) {
                assertThat(read.getRGB(x, y)).isEqualTo(image.getRGB(x, y));
            }
        }
        assertThat(PrintFileMetadata.of(png)).isEqualTo(new PrintFileMetadata(301, 257, 300, true));
    }

    @Test
    void jpegCarriesJfifDensityAndTheSrgbProfile() {
        byte[] jpeg = PrintFiles.jpeg(disc(), 150);
        assertThat(PrintFileMetadata.of(jpeg)).isEqualTo(new PrintFileMetadata(300, 300, 150, true));
    }
}
