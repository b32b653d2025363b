package com.pawprint.diffusion.clip;

import ai.djl.ndarray.NDArray;
import com.pawprint.diffusion.nn.Activations;
import java.util.Arrays;

/** CLIP MLP activations by their transformers {@code hidden_act} names. */
public enum ClipActivation {
    /** OpenAI CLIP (SD 1.x). */
    QUICK_GELU("quick_gelu"),
    /** OpenCLIP (SD 2.x) and most vision towers. */
    GELU("gelu");

    private final String configName;

    ClipActivation(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public NDArray apply(NDArray x) {
        return this == QUICK_GELU ? Activations.quickGelu(x) : Activations.gelu(x);
    }

    public static ClipActivation fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(a -> a.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported CLIP hidden_act '" + name
                        + "' (supported: quick_gelu, gelu)"));
    }
}
