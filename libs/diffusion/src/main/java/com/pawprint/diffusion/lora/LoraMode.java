package com.pawprint.diffusion.lora;

/** How a LoRA joins the model. */
public enum LoraMode {
    /**
     * An extra {@code up(down(x)) * scale * multiplier} branch beside each target module; weights untouched. Needed for
     * training, and cheap to attach per request.
     */
    SIDE_PATH,
    /**
     * {@code up @ down * scale * multiplier} added into each target weight: no extra cost per step, undone by
     * subtracting the same delta.
     */
    MERGED
}
