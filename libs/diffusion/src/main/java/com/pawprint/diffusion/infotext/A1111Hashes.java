package com.pawprint.diffusion.infotext;

import com.pawprint.diffusion.lora.LoraNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The short hashes by which A1111 names models in an infotext, so its UI finds the same files. */
public final class A1111Hashes {

    private static final int CHECKPOINT_DIGITS = 10;
    private static final int LORA_DIGITS = 12;

    private A1111Hashes() {
    }

    /** "Model hash": the first 10 hex digits of the checkpoint file's SHA-256 (reads the whole file). */
    public static String checkpoint(Path file) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read; (read = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file, e);
        }
        return checkpointOf(HexFormat.of().formatHex(sha256.digest()));
    }

    /** "Model hash" from the checkpoint's SHA-256 in hex, for callers that hold it already (a model registry). */
    public static String checkpointOf(String sha256Hex) {
        return sha256Hex.substring(0, CHECKPOINT_DIGITS);
    }

    /** A "Lora hashes" entry: the first 12 hex digits of the file's kohya hash ({@link LoraNetwork#modelHash}). */
    public static String lora(Path file) {
        return LoraNetwork.modelHash(file).substring(0, LORA_DIGITS);
    }
}
