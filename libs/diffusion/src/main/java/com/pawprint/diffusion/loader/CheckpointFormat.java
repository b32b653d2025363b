package com.pawprint.diffusion.loader;

/** The two on-disk layouts the engine loads. */
public enum CheckpointFormat {
    /** A diffusers folder: {@code unet/}, {@code vae/}, {@code text_encoder/}, {@code tokenizer/}, ... */
    DIFFUSERS_FOLDER,
    /** One {@code .safetensors} file with CompVis LDM key names (as A1111 and ComfyUI use). */
    LDM_SINGLE_FILE
}
