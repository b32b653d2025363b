package com.pawprint.diffusion.loader;

/**
 * The checkpoint is readable but not something the engine runs (pickle, SD 2, SDXL, inpainting, an incomplete
 * diffusers folder). The message says what it is and what is supported, so users can fix the input themselves.
 */
public class UnsupportedCheckpointException extends IllegalArgumentException {

    /** Appended to every message. */
    public static final String SUPPORTED = "Supported: Stable Diffusion 1.x (e.g. v1-5) as a single-file LDM "
            + ".safetensors checkpoint or as a diffusers folder (unet/, vae/, text_encoder/ with *.safetensors and "
            + "config.json, tokenizer/vocab.json + merges.txt).";

    public UnsupportedCheckpointException(String problem) {
        super(problem + " " + SUPPORTED);
    }
}
