package com.pawprint.samples;

import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Everything a synthetic photo shows, and so the answer a test checks a captioner or a colour detector
 * against.
 *
 * @param backgroundColor the colour that dominates the background as painted (wall, sofa, grass, plain colour)
 * @param width image width, at least {@link #MIN_SIDE}
 * @param height image height, at least {@link #MIN_SIDE}
 */
public record PetSpec(PetLook look, Pose pose, Scene scene, NamedColor backgroundColor, Lighting lighting,
                      int width, int height) {

    public static final int MIN_SIDE = 512;
    public static final int DEFAULT_SIDE = 768;

    /** Background colours, chosen to be told apart from every {@link FurColor}. */
    public static final List<NamedColor> BACKGROUND_COLORS = List.of(
            new NamedColor("beige", 0xD9C7A5),
            new NamedColor("light blue", 0xA9C9E2),
            new NamedColor("sage green", 0xA4B895),
            new NamedColor("pink", 0xE6B3BE),
            new NamedColor("lavender", 0xBCAFD9),
            new NamedColor("teal", 0x3F8688),
            new NamedColor("navy", 0x2D3F68),
            new NamedColor("mustard", 0xC69C32),
            new NamedColor("red", 0xA8322E));

    public static final NamedColor GRASS_GREEN = new NamedColor("green", 0x5C9A3A);

    public PetSpec {
        Objects.requireNonNull(look, "look");
        Objects.requireNonNull(pose, "pose");
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(backgroundColor, "backgroundColor");
        Objects.requireNonNull(lighting, "lighting");
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException("synthetic photos are at least " + MIN_SIDE + " px on each side: "
                    + width + "x" + height);
        }
    }

    public Species species() {
        return look.species();
    }

    /** A random photo of {@code look}. */
    public static PetSpec random(PetLook look, Random random) {
        Scene scene = PetLook.pick(random, Scene.values());
        Lighting lighting = PetLook.pick(random, new Lighting[] {
            Lighting.DAYLIGHT, Lighting.DAYLIGHT, Lighting.BRIGHT, Lighting.DIM, Lighting.BACKLIT});
        int[] size = PetLook.pick(random, new int[][] {{768, 768}, {640, 800}, {800, 640}, {720, 960}});
        return new PetSpec(look, PetLook.pick(random, Pose.values()), scene, backgroundFor(scene, random), lighting,
                size[0], size[1]);
    }

    static NamedColor backgroundFor(Scene scene, Random random) {
        return scene == Scene.GRASS ? GRASS_GREEN : BACKGROUND_COLORS.get(random.nextInt(BACKGROUND_COLORS.size()));
    }

    public PetSpec withPose(Pose value) {
        return new PetSpec(look, value, scene, backgroundColor, lighting, width, height);
    }

    public PetSpec withScene(Scene value, NamedColor color) {
        return new PetSpec(look, pose, value, color, lighting, width, height);
    }

    public PetSpec withLighting(Lighting value) {
        return new PetSpec(look, pose, scene, backgroundColor, value, width, height);
    }

    public PetSpec withSize(int newWidth, int newHeight) {
        return new PetSpec(look, pose, scene, backgroundColor, lighting, newWidth, newHeight);
    }
}
