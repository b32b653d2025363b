/**
 * Prompts as AUTOMATIC1111's WebUI encodes them for SD 1.x, in three steps that can be used on their own:
 * <ul>
 *   <li>{@link com.pawprint.diffusion.prompt.PromptAttentionParser}: the attention syntax ({@code (a)}, {@code [a]},
 *       {@code (a:1.5)}, escapes, {@code BREAK}) to {@link com.pawprint.diffusion.prompt.WeightedText} pieces;</li>
 *   <li>{@link com.pawprint.diffusion.prompt.PromptChunker}: pieces to chunks of 75 tokens with a weight per token
 *       ({@link com.pawprint.diffusion.prompt.ChunkedPrompt}), no truncation, backing up to a nearby comma;</li>
 *   <li>{@link com.pawprint.diffusion.prompt.WeightedPromptEncoder}: chunks through the CLIP text encoder,
 *       {@link com.pawprint.diffusion.prompt.OriginalEmphasis} weighting, joined to {@code [1, 77 * n, hidden]};
 *       prompt and negative prompt padded to one length with empty chunks.</li>
 * </ul>
 * {@code <lora:...>} tags are taken out before ({@link com.pawprint.diffusion.lora.LoraPrompt}). Not handled, as in
 * A1111 they are resolved before this syntax: prompt editing {@code [a:b:step]}, alternation {@code [a|b]},
 * composable {@code AND}; nor textual-inversion embeddings. Training captions keep kohya's plain 77-token encoding
 * ({@link com.pawprint.diffusion.tokenizer.ClipTokenizer#tokenize}).
 */
package com.pawprint.diffusion.prompt;
