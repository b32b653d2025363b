package com.pawprint.diffusion.lora;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.LoraSidePath;
import com.pawprint.diffusion.nn.LoraTarget;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * LoRAs attached to a loaded model; {@link #close} detaches the side paths or subtracts the merged deltas again, in
 * reverse order, so the model returns to its base weights (exactly for side paths, within fp32 rounding of
 * {@code w + d - d} for merges). Closing twice is harmless.
 */
public final class AppliedLora implements AutoCloseable {

    private final LoraMode mode;
    private final List<LoraUse> uses;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppliedLora(LoraMode mode, List<LoraUse> uses) {
        this.mode = mode;
        this.uses = List.copyOf(uses);
    }

    /**
     * Applies every LoRA at its strength; modules at multiplier 0 are left alone. If one fails (a module closed, a
     * shape changed) everything applied so far is undone before the error propagates.
     */
    public static AppliedLora apply(LoraMode mode, List<LoraUse> uses) {
        AppliedLora applied = new AppliedLora(mode, uses);
        try {
            for (LoraUse use : uses) {
                use.network().attached(applied);
                for (LoraModule module : use.network().modules()) {
                    double multiplier = use.strength().of(module.component());
                    if (multiplier != 0) {
                        applied.attach(mode, module, multiplier);
                    }
                }
            }
        } catch (RuntimeException e) {
            applied.close();
            throw e;
        }
        return applied;
    }

    private void attach(LoraMode mode, LoraModule module, double multiplier) {
        LoraTarget target = module.target();
        if (mode == LoraMode.SIDE_PATH) {
            LoraSidePath sidePath = module.sidePath(multiplier);
            target.addSidePath(sidePath);
            undo.push(() -> target.removeSidePath(sidePath));
            return;
        }
        try (NDArray delta = module.delta(multiplier)) {
            target.addToWeight(delta);
        }
        undo.push(() -> {
            try (NDArray delta = module.delta(multiplier); NDArray negated = delta.neg()) {
                target.addToWeight(negated);
            }
        });
    }

    public LoraMode mode() {
        return mode;
    }

    public List<LoraUse> uses() {
        return uses;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        uses.forEach(use -> use.network().detached(this));
    }
}
