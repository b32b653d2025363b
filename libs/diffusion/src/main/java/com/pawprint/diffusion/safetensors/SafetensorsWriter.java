package com.pawprint.diffusion.safetensors;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes safetensors files that every reader accepts and that are byte-identical for identical input: tensors in
 * name order, {@code __metadata__} first, the header padded with spaces to a multiple of 8 bytes so the data section
 * is aligned. The file appears atomically (written beside the target, then moved), so a crash never leaves a half
 * file under the final name.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** Writes engine arrays in their own types (convert to float16 first for F16 files). */
    public static void write(Path path, Map<String, NDArray> tensors, Map<String, String> metadata) {
        Map<String, RawTensor> raw = new LinkedHashMap<>();
        tensors.forEach((name, array) -> raw.put(name, RawTensor.of(array)));
        writeRaw(path, raw, metadata);
    }

    /** Writes raw tensors; {@code metadata} values are strings, as the format requires. */
    public static void writeRaw(Path path, Map<String, RawTensor> tensors, Map<String, String> metadata) {
        Map<String, RawTensor> sorted = new TreeMap<>(tensors);
        byte[] header = header(sorted, metadata);
        Path temporary = path.resolveSibling(path.getFileName() + ".partial");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
            writeFully(out, length);
            writeFully(out, ByteBuffer.wrap(header));
            for (RawTensor tensor : sorted.values()) {
                writeFully(out, tensor.data().duplicate());
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new SafetensorsException("cannot write " + path + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new SafetensorsException("cannot move " + temporary + " to " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] header(Map<String, RawTensor> sorted, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, RawTensor> entry : sorted.entrySet()) {
            if (entry.getKey().equals("__metadata__")) {
                throw new SafetensorsException("'__metadata__' is reserved and cannot name a tensor");
            }
            RawTensor tensor = entry.getValue();
            ObjectNode node = root.putObject(entry.getKey());
            node.put("dtype", tensor.dtype().name());
            ArrayNode shape = node.putArray("shape");
            for (long dim : tensor.shape().getShape()) {
                shape.add(dim);
            }
            long end = offset + tensor.data().remaining();
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new SafetensorsException("cannot encode header: " + e.getMessage(), e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        java.util.Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFully(FileChannel out, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            out.write(data);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the original error is what the caller needs to see
        }
    }
}
