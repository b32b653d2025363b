package com.pawprint.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OrientationTest {

    /**
     * The stored image is 3 wide and 2 high, pixels numbered 1..6 row by row:
     * <pre>
     * 1 2 3
     * 4 5 6
     * </pre>
     */
    private static BufferedImage stored() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int value = 1;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                image.setRGB(x, y, value++);
            }
        }
        return image;
    }

    private static int[] rows(BufferedImage image) {
        int[] values = new int[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                values[y * image.getWidth() + x] = image.getRGB(x, y) & 0xFFFFFF;
            }
        }
        return values;
    }

    @Test
    void appliesEachExifTransform() {
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, rows(Orientation.NORMAL.apply(stored())));
        assertArrayEquals(new int[] {3, 2, 1, 6, 5, 4}, rows(Orientation.MIRROR_HORIZONTAL.apply(stored())));
        assertArrayEquals(new int[] {6, 5, 4, 3, 2, 1}, rows(Orientation.ROTATE_180.apply(stored())));
        assertArrayEquals(new int[] {4, 5, 6, 1, 2, 3}, rows(Orientation.MIRROR_VERTICAL.apply(stored())));
        // The rest are 2 wide and 3 high.
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, rows(Orientation.TRANSPOSE.apply(stored())));
        assertArrayEquals(new int[] {4, 1, 5, 2, 6, 3}, rows(Orientation.ROTATE_90_CLOCKWISE.apply(stored())));
        assertArrayEquals(new int[] {6, 3, 5, 2, 4, 1}, rows(Orientation.TRANSVERSE.apply(stored())));
        assertArrayEquals(new int[] {3, 6, 2, 5, 1, 4}, rows(Orientation.ROTATE_270_CLOCKWISE.apply(stored())));
        assertEquals(2, Orientation.TRANSVERSE.apply(stored()).getWidth());
    }

    @Test
    void unknownExifValuesMeanNormal() {
        assertEquals(Orientation.NORMAL, Orientation.fromExif(0));
        assertEquals(Orientation.NORMAL, Orientation.fromExif(9));
        assertEquals(Orientation.ROTATE_270_CLOCKWISE, Orientation.fromExif(8));
    }
}
