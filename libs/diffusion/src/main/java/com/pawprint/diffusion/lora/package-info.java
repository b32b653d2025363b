/**
 * LoRA adapters in kohya-ss/sd-scripts' format over the engine's models.
 *
 * <ul>
 *   <li>{@link com.pawprint.diffusion.lora.LoraNetwork}: {@code create} (kohya's default targets, for training),
 *       {@code load} (kohya with diffusers or LDM block names, PEFT, diffusers keys), {@code save} (kohya keys and
 *       metadata), {@code apply}.</li>
 *   <li>{@link com.pawprint.diffusion.lora.AppliedLora}: several LoRAs at once, as side paths or merged; closing it
 *       restores the model. Strengths per model as in {@code <lora:name:te:unet>}:
 *       {@link com.pawprint.diffusion.lora.LoraStrength}.</li>
 *   <li>{@link com.pawprint.diffusion.lora.LoraPrompt}: takes {@code <lora:...>} tags out of a prompt.</li>
 *   <li>{@link com.pawprint.diffusion.lora.LoraTrainingStep}: LoRA-only training on the UNet (and text encoder):
 *   micro-batch forward and backward, then a clipped, loss-scaled {@link com.pawprint.diffusion.optim.AdamW} update.</li>
 * </ul>
 * Attaching changes the shared model for every caller until the handle is closed: a render service that serves
 * requests with different LoRAs concurrently needs one model per concurrent LoRA set, or serialises them.
 */
package com.pawprint.diffusion.lora;
