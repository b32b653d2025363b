package com.pawprint.diffusion.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.Conv2d;
import com.pawprint.diffusion.nn.LoraSidePath;
import com.pawprint.diffusion.nn.LoraTarget;
import com.pawprint.diffusion.nn.Scalars;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One low-rank adapter on one module (kohya's LoRAModule): {@code down} {@code [r, in]} ({@code [r, in, k, k]} on a
 * conv), {@code up} {@code [out, r]} ({@code [out, r, 1, 1]} on a conv) and {@code alpha}; the module's output gains
 * {@code up(down(x)) * alpha / r * multiplier}.
 */
public final class LoraModule {

    private final LoraComponent component;
    private final LoraTarget target;
    private final NDArray down;
    private final NDArray up;
    private final float alpha;

    private LoraModule(LoraComponent component, LoraTarget target, NDArray down, NDArray up, float alpha) {
        this.component = component;
        this.target = target;
        this.down = down;
        this.up = up;
        this.alpha = alpha;
    }

    /**
     * A fresh adapter as kohya initialises it: {@code down} Kaiming-uniform with a = sqrt(5) (bound 1/sqrt(fan_in), as
     * torch.nn.init.kaiming_uniform_), {@code up} zeros, so it changes nothing until trained. The values depend only
     * on {@code seed} and the module's name. Arrays live on the target weight's device and type.
     */
    static LoraModule initialize(LoraComponent component, LoraTarget target, int rank, float alpha, long seed,
            NDManager manager) {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        }
        Shape weight = target.weight().getShape();
        Shape downShape = downShape(weight, rank);
        long fanIn = downShape.size() / rank;
        float bound = (float) (1 / Math.sqrt(fanIn));
        SplittableRandom random = new SplittableRandom(seed ^ fnv1a(component.kohyaName(target.path())));
        float[] values = new float[Math.toIntExact(downShape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        NDArray down = placed(manager.create(values, downShape), target);
        NDArray up = placed(manager.zeros(upShape(weight, rank)), target);
        return new LoraModule(component, target, down, up, alpha);
    }

    /**
     * An adapter from stored tensors. A 1x1 conv also accepts linear-shaped {@code [r, in]} / {@code [out, r]}
     * tensors. Throws {@link IllegalArgumentException} describing the mismatch when the shapes do not fit the target.
     */
    static LoraModule of(LoraComponent component, LoraTarget target, NDArray down, NDArray up, float alpha) {
        Shape weight = target.weight().getShape();
        long rank = down.getShape().dimension() == 0 ? -1 : down.getShape().get(0);
        Shape expectedDown = rank < 1 ? null : downShape(weight, rank);
        Shape expectedUp = rank < 1 ? null : upShape(weight, rank);
        NDArray d = fitted(down, expectedDown);
        NDArray u = fitted(up, expectedUp);
        if (d == null || u == null) {
            throw new IllegalArgumentException("down " + down.getShape() + " and up " + up.getShape()
                    + " do not fit module '" + target.path() + "' with weight " + weight + ": expected down (r, "
                    + weightInShape(weight) + ") and up (" + weight.get(0) + ", r" + (weight.dimension() == 4
                    ? ", 1, 1)" : ")"));
        }
        return new LoraModule(component, target, placed(d, target), placed(u, target), alpha);
    }

    private static NDArray fitted(NDArray array, Shape expected) {
        if (expected == null) {
            return null;
        }
        if (array.getShape().equals(expected)) {
            return array;
        }
        boolean pointwise = expected.dimension() == 4 && expected.get(2) == 1 && expected.get(3) == 1;
        if (pointwise && array.getShape().equals(new Shape(expected.get(0), expected.get(1)))) {
            return array.reshape(expected);
        }
        return null;
    }

    private static String weightInShape(Shape weight) {
        return weight.dimension() == 4 ? weight.get(1) + ", " + weight.get(2) + ", " + weight.get(3)
                : Long.toString(weight.get(1));
    }

    private static Shape downShape(Shape weight, long rank) {
        return weight.dimension() == 4 ? new Shape(rank, weight.get(1), weight.get(2), weight.get(3))
                : new Shape(rank, weight.get(1));
    }

    private static Shape upShape(Shape weight, long rank) {
        return weight.dimension() == 4 ? new Shape(weight.get(0), rank, 1, 1) : new Shape(weight.get(0), rank);
    }

    /**
     * A copy in engine-allocated memory on the target's device and type, outside any open NDScope: the adapter
     * outlives the call. Arrays made from Java data alias a direct buffer that lives only as long as their Java
     * wrapper, and DJL's toDevice/toType return another wrapper of the same memory when nothing changes (even when
     * asked to copy), so only duplicate() guarantees memory the adapter owns.
     */
    private static NDArray placed(NDArray array, LoraTarget target) {
        NDArray weight = target.weight();
        NDArray converted = array.toDevice(weight.getDevice(), false).toType(weight.getDataType(), false);
        NDArray result = converted.duplicate();
        NDScope.unregister(result);
        if (converted != array) {
            converted.close();
        }
        NDScope.unregister(array);
        array.close();
        return result;
    }

    /** kohya's name of this module, e.g. {@code lora_unet_down_blocks_0_attentions_0_proj_in}. */
    public String name() {
        return component.kohyaName(target.path());
    }

    public LoraComponent component() {
        return component;
    }

    public LoraTarget target() {
        return target;
    }

    public NDArray down() {
        return down;
    }

    public NDArray up() {
        return up;
    }

    public int rank() {
        return (int) down.getShape().get(0);
    }

    /** The stored alpha; 0 means "equal to the rank", as in kohya. */
    public float alpha() {
        return alpha;
    }

    /** alpha / rank (1 when alpha is 0). */
    public double scale() {
        return alpha == 0 ? 1.0 : alpha / (double) rank();
    }

    public long parameterCount() {
        return down.size() + up.size();
    }

    List<NDArray> parameters() {
        return List.of(down, up);
    }

    /** {@code up @ down * scale * multiplier}, shaped like the target weight. */
    public NDArray delta(double multiplier) {
        Shape weight = target.weight().getShape();
        long rank = rank();
        try (NDArray flatUp = up.reshape(weight.get(0), rank);
                NDArray flatDown = down.reshape(rank, -1);
                NDArray product = flatUp.matMul(flatDown);
                NDArray scaled = product.mul((float) (scale() * multiplier))) {
            return scaled.reshape(weight).duplicate();
        }
    }

    /** The adapter as a branch beside the target: {@code up(down(x)) * scale * multiplier}. */
    public LoraSidePath sidePath(double multiplier) {
        float factor = (float) (scale() * multiplier);
        if (target instanceof Conv2d conv) {
            Shape stride = new Shape(conv.stride(), conv.stride());
            Shape padding = new Shape(conv.padding(), conv.padding());
            Shape unit = new Shape(1, 1);
            return x -> inType(x, input -> {
                NDArray hidden = ai.djl.nn.convolutional.Conv2d.conv2d(input, down, null, stride, padding, unit, 1)
                        .singletonOrThrow();
                NDArray out = ai.djl.nn.convolutional.Conv2d.conv2d(hidden, up, null, unit, new Shape(0, 0), unit, 1)
                        .singletonOrThrow();
                hidden.close();
                return scaled(out, factor);
            });
        }
        return x -> inType(x, input -> {
            NDArray hidden = ai.djl.nn.core.Linear.linear(input, down).singletonOrThrow();
            NDArray out = ai.djl.nn.core.Linear.linear(hidden, up).singletonOrThrow();
            hidden.close();
            return scaled(out, factor);
        });
    }

    private NDArray inType(NDArray x, java.util.function.UnaryOperator<NDArray> branch) {
        DataType type = down.getDataType();
        if (x.getDataType() == type) {
            return branch.apply(x);
        }
        try (NDArray converted = x.toType(type, false)) {
            return branch.apply(converted).toType(x.getDataType(), false);
        }
    }

    private static NDArray scaled(NDArray out, float factor) {
        NDArray result = Scalars.mul(out, factor);
        out.close();
        return result;
    }

    private static long fnv1a(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    @Override
    public String toString() {
        return name() + "[rank " + rank() + ", alpha " + alpha + "]";
    }
}
