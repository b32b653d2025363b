package com.pawprint.diffusion.loader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.MissingTensorException;
import com.pawprint.diffusion.nn.TensorInfo;
import com.pawprint.diffusion.nn.TensorSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The 1130 tensor names and shapes of a real SD 1.5 single-file checkpoint (shared/anchors/sd15-tensors.txt, what
 * stable-diffusion.cpp expects), served as zero-stride views so the whole SD 1.5 model loads without 4 GB.
 */
final class Sd15LdmAnchor implements TensorSource {

    private final Map<String, Shape> shapes;

    private Sd15LdmAnchor(Map<String, Shape> shapes) {
        this.shapes = Collections.unmodifiableMap(shapes);
    }

    static Sd15LdmAnchor load() {
        Map<String, Shape> shapes = new TreeMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Sd15LdmAnchor.class.getResourceAsStream("/sd15-ldm-tensors.txt"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.trim().split(" ");
                if (parts.length > 1) {
                    long[] dims = Arrays.stream(parts, 1, parts.length).mapToLong(Long::parseLong).toArray();
                    shapes.put(parts[0], new Shape(dims));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sd15LdmAnchor(shapes);
    }

    @Override
    public Set<String> names() {
        return shapes.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new MissingTensorException(name);
        }
        return new TensorInfo(name, DataType.FLOAT32, shape);
    }

    @Override
    public NDArray load(String name, NDManager manager) {
        try (NDArray zero = manager.zeros(new Shape(1))) {
            return zero.broadcast(info(name).shape());
        }
    }
}
