package com.pawprint.diffusion.loader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.MissingTensorException;
import com.pawprint.diffusion.nn.TensorInfo;
import com.pawprint.diffusion.nn.TensorSource;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Presents part of another source under diffusers names, e.g. one component of a single-file LDM checkpoint. A 1x1
 * convolution weight {@code [out, in, 1, 1]} can be served as the linear weight {@code [out, in]} diffusers uses for
 * the VAE's attention projections.
 */
final class RenamedTensorSource implements TensorSource {

    /** Where a diffusers name comes from. */
    record Origin(String sourceKey, boolean squeezeConv1x1) {
    }

    private final TensorSource base;
    private final Map<String, Origin> origins;

    RenamedTensorSource(TensorSource base, Map<String, Origin> origins) {
        this.base = base;
        this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
    }

    /** The key in the underlying source that {@code name} is read from. */
    String sourceKey(String name) {
        return origin(name).sourceKey();
    }

    @Override
    public Set<String> names() {
        return origins.keySet();
    }

    @Override
    public boolean contains(String name) {
        return origins.containsKey(name);
    }

    @Override
    public TensorInfo info(String name) {
        Origin origin = origin(name);
        TensorInfo info = base.info(origin.sourceKey());
        return new TensorInfo(name, info.dtype(), origin.squeezeConv1x1() ? squeezed(origin, info.shape()) : info.shape());
    }

    @Override
    public NDArray load(String name, NDManager manager) {
        Origin origin = origin(name);
        NDArray array = base.load(origin.sourceKey(), manager);
        return origin.squeezeConv1x1() ? array.reshape(squeezed(origin, array.getShape())) : array;
    }

    private Origin origin(String name) {
        Origin origin = origins.get(name);
        if (origin == null) {
            throw new MissingTensorException(name);
        }
        return origin;
    }

    private static Shape squeezed(Origin origin, Shape shape) {
        if (shape.dimension() == 2) {
            return shape;
        }
        if (shape.dimension() != 4 || shape.get(2) != 1 || shape.get(3) != 1) {
            throw new UnsupportedCheckpointException("tensor '" + origin.sourceKey() + "' should be a 1x1 convolution "
                    + "weight but has shape " + shape + ".");
        }
        return new Shape(shape.get(0), shape.get(1));
    }
}
