package com.pawprint.training.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The hashes LoRA metadata and experiment records carry. */
public final class FileHashes {

    private FileHashes() {
    }

    public static String sha256(Path file) {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * AUTOMATIC1111's legacy model hash, which kohya writes as {@code ss_sd_model_hash}: the first 8 hex digits of
     * SHA-256 over the 64 KiB at offset 1 MiB.
     */
    public static String legacyModelHash(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer window = ByteBuffer.allocate(0x10000);
            channel.position(0x100000);
            while (window.hasRemaining() && channel.read(window) > 0) {
                // keep reading until the window is full or the file ends
            }
            MessageDigest digest = sha256();
            digest.update(window.flip());
            return HexFormat.of().formatHex(digest.digest()).substring(0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file, e);
        }
    }

    /** One SHA-256 over the files' names and bytes in order: what identifies a dataset. */
    public static String sha256OfFiles(List<Path> files) {
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(HexFormat.of().parseHex(sha256(file)));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
