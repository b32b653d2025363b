package com.pawprint.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.schedulers.NoiseSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Noise for a batch in which image {@code i} draws from its own seeded stream, so every image of a batch equals the
 * image its seed gives alone (initial latents and the ancestral samplers' per-step noise alike).
 */
final class PerImageNoise implements NoiseSource {

    private final List<NoiseSource> streams;

    PerImageNoise(List<Long> seeds) {
        streams = new ArrayList<>();
        seeds.forEach(seed -> streams.add(NoiseSource.seeded(seed)));
    }

    @Override
    public NDArray gaussian(NDManager manager, Shape shape) {
        if (shape.dimension() == 0 || shape.get(0) != streams.size()) {
            throw new IllegalArgumentException("noise of shape " + shape + " for a batch of " + streams.size());
        }
        Shape single = new Shape(1).addAll(shape.slice(1));
        if (streams.size() == 1) {
            return streams.get(0).gaussian(manager, single);
        }
        NDList parts = new NDList();
        for (NoiseSource stream : streams) {
            parts.add(stream.gaussian(manager, single));
        }
        NDArray batch = NDArrays.concat(parts, 0);
        parts.close();
        return batch;
    }
}
