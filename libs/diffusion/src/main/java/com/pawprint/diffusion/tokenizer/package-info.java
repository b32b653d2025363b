/**
 * CLIP's BPE tokenizer, id for id with openai/CLIP's {@code simple_tokenizer.py}: start with
 * {@link com.pawprint.diffusion.tokenizer.ClipTokenizer#bundled()} (or
 * {@link com.pawprint.diffusion.tokenizer.ClipTokenizer#fromDiffusersFolder(java.nio.file.Path)}), then
 * {@link com.pawprint.diffusion.tokenizer.ClipTokenizer#tokenize(String)} for the text encoder's 77 ids.
 * {@link com.pawprint.diffusion.tokenizer.ClipTextCleaner} documents where the text clean-up differs from ftfy.
 * That framing truncates, as kohya's training scripts do with captions; prompts for generation are chunked and
 * weighted as A1111 does by {@link com.pawprint.diffusion.prompt.PromptChunker} instead.
 */
package com.pawprint.diffusion.tokenizer;
