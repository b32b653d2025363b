package com.pawprint.samples;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Synthetic pet photos, drawn procedurally, so that demos and tests need no third-party pictures. Everything is
 * a pure function of the spec and the seed: the same arguments give the same pixels on every machine.
 */
public final class SyntheticPets {

    private static final Pose[] POSES = Pose.values();
    private static final Scene[] SCENES = Scene.values();
    private static final Lighting[] DATASET_LIGHTING = {
        Lighting.DAYLIGHT, Lighting.BRIGHT, Lighting.DAYLIGHT, Lighting.DIM, Lighting.DAYLIGHT, Lighting.BACKLIT};
    private static final int[][] DATASET_SIZES = {{768, 768}, {640, 800}, {800, 640}, {768, 1024}, {1024, 768}};

    private SyntheticPets() {
    }

    /** Draws the photo {@code spec} describes; {@code seed} picks placement, facing, head tilt and texture. */
    public static SyntheticPet generate(PetSpec spec, long seed) {
        Random random = new Random(seed);
        int width = spec.width();
        int height = spec.height();

        BufferedImage background = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D bg = background.createGraphics();
        smooth(bg);
        double groundY = Scenery.paint(background, bg, spec, random);
        bg.dispose();

        BufferedImage subject = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D fg = subject.createGraphics();
        smooth(fg);
        Shape outline = new PetPainter(spec.look(), random).paint(subject, fg, spec.pose(), groundY);
        fg.dispose();
        Rectangle bounds = outline.getBounds().intersection(new Rectangle(width, height));

        Lights.background(background, spec.lighting(), bounds.getCenterX(), bounds.getMinY() + bounds.getHeight() / 3.0);
        Lights.subject(subject, spec.lighting());
        Graphics2D composite = background.createGraphics();
        smooth(composite);
        composite.setComposite(AlphaComposite.SrcOver);
        composite.drawImage(subject, 0, 0, null);
        if (spec.lighting() == Lighting.BACKLIT) {
            rimLight(composite, outline, width);
        }
        composite.dispose();
        Lights.grain(background, spec.lighting(), random);
        return new SyntheticPet(spec, seed, background, bounds);
    }

    /** A random pet of {@code species} in a random photo. */
    public static SyntheticPet random(Species species, long seed) {
        Random random = new Random(seed);
        PetSpec spec = PetSpec.random(PetLook.random(species, random), random);
        return generate(spec, random.nextLong());
    }

    /**
     * {@code count} photos of ONE pet (one coat, pattern and eye colour drawn from {@code seed}), as an owner
     * would upload for training: poses, scenes and lightings each in turn (their cycles are coprime, so the
     * first 20 photos are 20 different pose and scene pairs), so no two are near-duplicates.
     */
    public static List<SyntheticPet> dataset(Species species, int count, long seed) {
        Random random = new Random(seed);
        PetLook look = PetLook.random(species, random);
        List<SyntheticPet> photos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Scene scene = SCENES[i % SCENES.length];
            int[] size = DATASET_SIZES[i % DATASET_SIZES.length];
            PetSpec spec = new PetSpec(look, POSES[i % POSES.length], scene, PetSpec.backgroundFor(scene, random),
                    DATASET_LIGHTING[i % DATASET_LIGHTING.length], size[0], size[1]);
            photos.add(generate(spec, random.nextLong()));
        }
        return photos;
    }

    /** Baseline JPEG of the image (no metadata). */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] jpeg(BufferedImage image) {
        return jpeg(image, 0.9f);
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Light from behind spills over the edge of the pet: a soft bright band just inside its outline. */
    private static void rimLight(Graphics2D g, Shape outline, int width) {
        g.clip(outline);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
        g.setColor(new Color(255, 244, 214));
        g.setStroke(new BasicStroke(Math.max(3f, width / 120f)));
        g.draw(outline);
    }

    private static void smooth(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }
}
