package com.pawprint.diffusion.schedulers;

/** What the UNet predicts (diffusers' {@code prediction_type}). SD 1.x predicts the noise. */
public enum PredictionType {
    /** The added noise (SD 1.x). */
    EPSILON,
    /** v = sqrt(alpha_bar) * noise - sqrt(1 - alpha_bar) * x0 (Salimans and Ho 2022). */
    V_PREDICTION
}
