package com.pawprint.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A source that serves whatever a model asks for, with the shape the model expects, and records every request. It
 * lets tests build any config without a checkpoint, and then write exactly the requested tensors out as one.
 *
 * <ul>
 *   <li>{@link #random(long)}: deterministic values that depend only on the seed and the tensor's name (not on the
 *       order of requests): weights uniform in {@code ±1/sqrt(fan_in)}, 1-D {@code *.weight} (norm scales) near 1,
 *       biases small, so activations stay in a sane range through deep stacks.</li>
 *   <li>{@link #counting()}: every tensor is a zero-stride view of a single zero, so the SD 1.5 configs can be built
 *       and their parameters counted without materialising gigabytes.</li>
 * </ul>
 * {@link #contains} answers true for every name, because the source can serve anything.
 */
public final class GeneratedTensorSource implements TensorSource {

    private final boolean materialize;
    private final long seed;
    private final Map<String, Shape> requested = Collections.synchronizedMap(new LinkedHashMap<>());

    private GeneratedTensorSource(boolean materialize, long seed) {
        this.materialize = materialize;
        this.seed = seed;
    }

    /** Deterministic pseudo-random weights for {@code seed}. */
    public static GeneratedTensorSource random(long seed) {
        return new GeneratedTensorSource(true, seed);
    }

    /** Shape-only weights: zero-stride views, for parameter counts and structure checks. */
    public static GeneratedTensorSource counting() {
        return new GeneratedTensorSource(false, 0);
    }

    /** Requested names and shapes, in request order. */
    public Map<String, Shape> requested() {
        synchronized (requested) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(requested));
        }
    }

    /** Total elements over all requested tensors. */
    public long parameterCount() {
        return parameterCount("");
    }

    /** Total elements over requested tensors whose name starts with {@code prefix}. */
    public long parameterCount(String prefix) {
        long total = 0;
        for (Map.Entry<String, Shape> entry : requested().entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                total += entry.getValue().size();
            }
        }
        return total;
    }

    @Override
    public Set<String> names() {
        return requested().keySet();
    }

    @Override
    public boolean contains(String name) {
        return true;
    }

    @Override
    public TensorInfo info(String name) {
        Shape shape = requested.get(name);
        if (shape == null) {
            throw new MissingTensorException(name);
        }
        return new TensorInfo(name, DataType.FLOAT32, shape);
    }

    @Override
    public TensorInfo require(String name, Shape expectedShape) {
        Shape previous = requested.putIfAbsent(name, expectedShape);
        if (previous != null && !previous.equals(expectedShape)) {
            throw new ShapeMismatchException(name, expectedShape, previous);
        }
        return new TensorInfo(name, DataType.FLOAT32, expectedShape);
    }

    @Override
    public NDArray load(String name, NDManager manager) {
        Shape shape = info(name).shape();
        if (!materialize) {
            try (NDArray zero = manager.zeros(new Shape(1))) {
                return shape.isScalar() ? manager.zeros(shape) : zero.broadcast(shape);
            }
        }
        return manager.create(values(name, shape), shape);
    }

    private float[] values(String name, Shape shape) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot generate " + size + " values for '" + name + "'");
        }
        float[] values = new float[(int) size];
        SplittableRandom random = new SplittableRandom(seed ^ fnv1a(name));
        float base;
        float spread;
        if (shape.dimension() >= 2) {
            long fanIn = shape.size() / shape.get(0);
            base = 0f;
            spread = (float) (1.0 / Math.sqrt(fanIn));
        } else if (shape.dimension() == 1 && name.endsWith("weight")) {
            base = 1f;
            spread = 0.1f;
        } else {
            base = 0f;
            spread = 0.1f;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = base + spread * (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    private static long fnv1a(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
