package com.pawprint.render.service;

/** A LoRA a render applied, under the name its prompt tag used: what the PNG's {@code Lora hashes} lists. */
record AppliedLoraFile(String name, LoraCache.CachedLora lora) {
}
