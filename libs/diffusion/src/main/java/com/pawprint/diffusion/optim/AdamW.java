package com.pawprint.diffusion.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.safetensors.SafetensorsFile;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * AdamW exactly as {@code torch.optim.AdamW} computes it (single-tensor path): decay the weight by
 * {@code 1 - lr * weight_decay}, update both moments, then step by {@code lr / (1 - beta1^t)} times
 * {@code m / (sqrt(v) / sqrt(1 - beta2^t) + eps)}. DJL's own AdamW folds the bias corrections into the learning rate
 * and adds eps before correcting, which drifts from PyTorch by a visible fraction of each early update.
 *
 * <p>Moments are fp32 whatever the parameter's type. A parameter that is not fp32 (fp16 LoRA arrays over fp16 base
 * weights on a GPU) gets an fp32 master copy: updates land on the master, and the parameter receives it rounded, so
 * updates smaller than fp16's resolution still accumulate. The state (moments, masters and per-parameter step counts)
 * is saved and restored by {@link #save} and {@link #load}.
 */
public final class AdamW implements AutoCloseable {

    private static final String EXP_AVG = ".exp_avg";
    private static final String EXP_AVG_SQ = ".exp_avg_sq";
    private static final String MASTER = ".master";
    private static final String STEP = ".step";

    private final AdamWConfig config;
    private final NDManager manager;
    private final Map<String, ParameterState> states = new LinkedHashMap<>();

    public AdamW(AdamWConfig config, NDManager manager) {
        this.config = Objects.requireNonNull(config, "config");
        this.manager = manager.newSubManager();
    }

    /**
     * Updates {@code parameter} in place from {@code gradient} (already unscaled and clipped) at
     * {@code learningRate}. Run outside a gradient collector.
     */
    public void update(String key, NDArray parameter, NDArray gradient, double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + learningRate);
        }
        ParameterState state = states.computeIfAbsent(key, unused -> ParameterState.fresh(parameter, manager));
        NDArray weight = state.master != null ? state.master : parameter;
        state.step++;
        double bias1 = 1 - Math.pow(config.beta1(), state.step);
        double bias2 = 1 - Math.pow(config.beta2(), state.step);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray g = gradient.toType(DataType.FLOAT32, true);
            weight.muli(1 - learningRate * config.weightDecay());
            state.expAvg.muli(config.beta1()).addi(g.mul(1 - config.beta1()));
            state.expAvgSq.muli(config.beta2()).addi(g.square().muli(1 - config.beta2()));
            NDArray denominator = state.expAvgSq.sqrt().divi(Math.sqrt(bias2)).addi(config.epsilon());
            weight.subi(state.expAvg.div(denominator).muli(learningRate / bias1));
            if (state.master != null) {
                parameter.set(new NDIndex("..."), state.master.toType(parameter.getDataType(), true));
            }
        }
    }

    /** Optimizer steps taken for {@code key}, 0 before its first update. */
    public long steps(String key) {
        ParameterState state = states.get(key);
        return state == null ? 0 : state.step;
    }

    /** Writes the moments, masters and step counts as one safetensors file. */
    public void save(Path file) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (NDManager scratch = manager.newSubManager()) {
            states.forEach((key, state) -> {
                tensors.put(key + EXP_AVG, state.expAvg);
                tensors.put(key + EXP_AVG_SQ, state.expAvgSq);
                if (state.master != null) {
                    tensors.put(key + MASTER, state.master);
                }
                tensors.put(key + STEP, scratch.create(state.step));
            });
            SafetensorsWriter.write(file, tensors, Map.of("optimizer", "AdamW", "betas",
                    config.beta1() + "," + config.beta2(), "eps", Double.toString(config.epsilon()),
                    "weight_decay", Double.toString(config.weightDecay())));
        }
    }

    /**
     * Restores the state {@link #save} wrote for the same {@code parameters} (by key); every key's state must be
     * present and shaped like its parameter, else nothing is changed and an {@link IllegalArgumentException} names
     * the first that is not.
     */
    public void load(Path file, Map<String, NDArray> parameters) {
        Map<String, ParameterState> restored = new LinkedHashMap<>();
        try (SafetensorsFile stored = SafetensorsFile.open(file)) {
            for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
                String key = entry.getKey();
                if (!stored.contains(key + STEP)) {
                    continue;
                }
                Shape shape = entry.getValue().getShape();
                NDArray expAvg = restoredArray(stored, key + EXP_AVG, shape, entry.getValue());
                NDArray expAvgSq = restoredArray(stored, key + EXP_AVG_SQ, shape, entry.getValue());
                NDArray master = entry.getValue().getDataType() == DataType.FLOAT32 ? null
                        : restoredArray(stored, key + MASTER, shape, entry.getValue());
                try (NDArray step = stored.load(key + STEP, manager)) {
                    restored.put(key, new ParameterState(expAvg, expAvgSq, master, step.getLong()));
                }
            }
            for (String key : stored.names()) {
                String parameter = key.substring(0, key.lastIndexOf('.'));
                if (!parameters.containsKey(parameter)) {
                    restored.values().forEach(ParameterState::close);
                    throw new IllegalArgumentException("optimizer state '" + key + "' in " + file
                            + " belongs to no parameter of this network");
                }
            }
        } catch (RuntimeException e) {
            restored.values().forEach(ParameterState::close);
            throw e;
        }
        states.values().forEach(ParameterState::close);
        states.clear();
        states.putAll(restored);
    }

    private NDArray restoredArray(SafetensorsFile stored, String name, Shape shape, NDArray parameter) {
        if (!stored.contains(name)) {
            throw new IllegalArgumentException("optimizer state has no '" + name + "'");
        }
        NDArray loaded = stored.load(name, manager);
        if (!loaded.getShape().equals(shape)) {
            loaded.close();
            throw new IllegalArgumentException("optimizer state '" + name + "' has shape " + loaded.getShape()
                    + ", its parameter " + shape);
        }
        // A native copy: the loaded array aliases a Java buffer, and toDevice to the same device returns a view of
        // it, which would outlive the buffer once the loaded wrapper is closed (in-place updates then write freed
        // memory).
        NDArray onDevice = loaded.toDevice(parameter.getDevice(), false);
        NDArray placed = onDevice.duplicate();
        if (onDevice != loaded) {
            onDevice.close();
        }
        loaded.close();
        return placed;
    }

    @Override
    public void close() {
        states.clear();
        manager.close();
    }

    private static final class ParameterState {
        private final NDArray expAvg;
        private final NDArray expAvgSq;
        private final NDArray master;
        private long step;

        private ParameterState(NDArray expAvg, NDArray expAvgSq, NDArray master, long step) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.master = master;
            this.step = step;
        }

        static ParameterState fresh(NDArray parameter, NDManager manager) {
            // Out of any caller's NDScope: the state lives as long as the optimizer.
            NDArray expAvg = manager.zeros(parameter.getShape(), DataType.FLOAT32, parameter.getDevice());
            NDArray expAvgSq = manager.zeros(parameter.getShape(), DataType.FLOAT32, parameter.getDevice());
            NDScope.unregister(expAvg, expAvgSq);
            NDArray master = null;
            if (parameter.getDataType() != DataType.FLOAT32) {
                master = parameter.toType(DataType.FLOAT32, true);
                master.attach(manager);
                NDScope.unregister(master);
            }
            return new ParameterState(expAvg, expAvgSq, master, 0);
        }

        void close() {
            expAvg.close();
            expAvgSq.close();
            if (master != null) {
                master.close();
            }
        }
    }
}
