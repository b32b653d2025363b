/**
 * CLIP's BPE tokenizer, id for id with openai/CLIP's {@code simple_tokenizer.py}: start with
 * {@link com.pawprint.diffusion.tokenizer.ClipTokenizer#bundled()} (or
 * {@link com.pawprint.diffusion.tokenizer.ClipTokenizer#fromDiffusersFolder(java.nio.file.Path)}), then
 * {@link com.pawprint.diffusion.tokenizer.ClipTokenizer#tokenize(String)} for the text encoder's 77 ids.
 * {@link com.pawprint.diffusion.tokenizer.ClipTextCleaner} documents where the text clean-up differs from ftfy.
 */
package com.pawprint.diffusion.tokenizer;
