package com.pawprint.diffusion.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A safetensors file opened for lazy reading. Only the header is read up front; each tensor's bytes are read on
 * demand, so checkpoints over 2 GB work (DJL's own reader copies whole files into one {@code byte[]}). Every header
 * entry is validated against the file size when opening, so a lying header fails here with a
 * {@link SafetensorsException} instead of crashing the engine later.
 *
 * <p>Tensors are read with positional reads straight into the direct buffer the engine receives, not through a
 * memory mapping: a mapping's pages count towards the process's resident memory until the garbage collector happens
 * to drop the mapping, which kept most of a 4.3 GB checkpoint resident beside its weights, and unmapping by hand
 * would let a stale buffer crash the JVM. For F32 a read is the same single copy from the page cache that copying
 * out of a mapping is; half precision adds one pass over its 2-byte values, widened in place, so no staging buffer
 * is needed. Once closed, reads fail with a {@link SafetensorsException}.
 */
public final class SafetensorsFile implements Closeable {

    /** The safetensors specification caps headers at 100 MB. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, SafetensorsEntry> entries;
    private final Map<String, String> metadata;
    private volatile boolean closed;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, SafetensorsEntry> entries,
            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Opens and validates {@code path}; the file stays open until {@link #close}. */
    public static SafetensorsFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SafetensorsException("no such file: " + path, e);
        } catch (IOException e) {
            throw new SafetensorsException("cannot open " + path + ": " + e.getMessage(), e);
        }
        try {
            return read(path, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static SafetensorsFile read(Path path, FileChannel channel) {
        try {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw invalid(path, "file is " + fileSize + " bytes, too short for a header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 1 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
                throw invalid(path, "header length " + headerLength + " does not fit a file of " + fileSize
                        + " bytes (truncated or not safetensors)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8);
            long dataStart = 8 + headerLength;
            String json = new String(header.array(), StandardCharsets.UTF_8);
            return parse(path, channel, json, dataStart, fileSize - dataStart);
        } catch (IOException e) {
            throw new SafetensorsException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static SafetensorsFile parse(Path path, FileChannel channel, String json, long dataStart,
            long dataLength) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(path, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(path, "header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, SafetensorsEntry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                readMetadata(path, field.getValue(), metadata);
            } else {
                entries.put(field.getKey(), readEntry(path, field.getKey(), field.getValue(), dataLength));
            }
        }
        checkNoOverlap(path, entries.values());
        return new SafetensorsFile(path, channel, dataStart, Collections.unmodifiableMap(entries),
                Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path path, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw invalid(path, "__metadata__ is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw invalid(path, "metadata value of '" + field.getKey() + "' is not a string");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
    }

    private static SafetensorsEntry readEntry(Path path, String name, JsonNode node, long dataLength) {
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsetsNode = node.get("data_offsets");
        if (!node.isObject() || dtypeNode == null || !dtypeNode.isTextual() || shapeNode == null
                || !shapeNode.isArray() || offsetsNode == null || !offsetsNode.isArray() || offsetsNode.size() != 2) {
            throw invalid(path, "tensor '" + name + "' needs dtype, shape and two data_offsets");
        }
        SafetensorsDType dtype;
        try {
            dtype = SafetensorsDType.parse(dtypeNode.textValue());
        } catch (SafetensorsException e) {
            throw invalid(path, "tensor '" + name + "': " + e.getMessage());
        }
        long[] dims = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode dim = shapeNode.get(i);
            if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.longValue() < 0) {
                throw invalid(path, "tensor '" + name + "' has a bad dimension " + dim);
            }
            dims[i] = dim.longValue();
            elements = multiply(path, name, elements, dims[i]);
        }
        long begin = offset(path, name, offsetsNode.get(0));
        long end = offset(path, name, offsetsNode.get(1));
        if (begin > end || end > dataLength) {
            throw invalid(path, "tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] outside the " + dataLength + "-byte data section (truncated file?)");
        }
        long expectedBytes = multiply(path, name, elements, dtype.byteSize());
        if (end - begin != expectedBytes) {
            throw invalid(path, "tensor '" + name + "' is " + dtype + " " + java.util.Arrays.toString(dims)
                    + " = " + expectedBytes + " bytes, but its data_offsets span " + (end - begin));
        }
        return new SafetensorsEntry(name, dtype, new Shape(dims), begin, end);
    }

    private static long offset(Path path, String name, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw invalid(path, "tensor '" + name + "' has a bad data offset " + node);
        }
        return node.longValue();
    }

    private static long multiply(Path path, String name, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw invalid(path, "tensor '" + name + "' is impossibly large");
        }
    }

    private static void checkNoOverlap(Path path, Iterable<SafetensorsEntry> entries) {
        List<SafetensorsEntry> byOffset = new ArrayList<>();
        entries.forEach(byOffset::add);
        byOffset.sort(Comparator.comparingLong(SafetensorsEntry::begin).thenComparingLong(SafetensorsEntry::end));
        SafetensorsEntry previous = null;
        for (SafetensorsEntry entry : byOffset) {
            if (previous != null && entry.begin() < previous.end()) {
                throw invalid(path, "tensors '" + previous.name() + "' and '" + entry.name() + "' overlap");
            }
            if (entry.byteLength() > 0) {
                previous = entry;
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The header's {@code __metadata__}, in file order; empty when absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensor names, sorted. */
    public Set<String> names() {
        return entries.keySet();
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The header entry of {@code name}. */
    public SafetensorsEntry entry(String name) {
        SafetensorsEntry entry = entries.get(name);
        if (entry == null) {
            throw new SafetensorsException("no tensor '" + name + "' in " + path);
        }
        return entry;
    }

    /**
     * The tensor's bytes as stored (little-endian, not widened), in a fresh direct buffer: a heap buffer would make
     * the JDK read through a temporary direct buffer of the same size, which it then caches per thread.
     */
    public ByteBuffer rawBytes(String name) {
        SafetensorsEntry entry = entry(name);
        if (entry.byteLength() > Integer.MAX_VALUE) {
            throw new SafetensorsException("tensor '" + name + "' in " + path + " is over 2 GB");
        }
        ByteBuffer raw = ByteBuffer.allocateDirect((int) entry.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        read(entry, raw);
        return raw.flip();
    }

    /**
     * The tensor's data in the type it loads as (half precision widened to F32), in a fresh little-endian direct
     * buffer the caller may hand to the engine.
     */
    public ByteBuffer loadedBytes(String name) {
        SafetensorsEntry entry = entry(name);
        long bytes = entry.shape().size() * entry.dtype().loadedType().getNumOfBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new SafetensorsException("tensor '" + name + "' in " + path + " is over 2 GB once widened");
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new SafetensorsException("big-endian hosts are not supported");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (entry.dtype()) {
            case F16, BF16 -> {
                // The n 2-byte values land in the buffer's upper half and are widened in place, front to back:
                // float i ends at byte 4i + 4, which never passes the first value still unread, at byte 2n + 2i + 2.
                int stored = (int) entry.byteLength();
                ByteBuffer halves = out.slice(out.capacity() - stored, stored);
                read(entry, halves);
                halves.flip();
                if (entry.dtype() == SafetensorsDType.F16) {
                    HalfFloats.halfToFloat(halves, out);
                } else {
                    HalfFloats.bfloatToFloat(halves, out);
                }
            }
            default -> read(entry, out);
        }
        return out.flip();
    }

    /** Reads {@code name} into {@code manager}; F16 and BF16 arrive as {@code FLOAT32}. */
    public NDArray load(String name, NDManager manager) {
        SafetensorsEntry entry = entry(name);
        DataType type = entry.dtype().loadedType();
        NDArray array = manager.create(loadedBytes(name), entry.shape(), type);
        array.setName(name);
        return array;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
    }

    private void read(SafetensorsEntry entry, ByteBuffer target) {
        if (closed) {
            throw new SafetensorsException(path + " is closed; tensor '" + entry.name() + "' can no longer be read");
        }
        try {
            readFully(channel, target, dataStart + entry.begin());
        } catch (ClosedChannelException e) {
            throw new SafetensorsException(path + " was closed" + (e instanceof ClosedByInterruptException
                    ? " by an interrupt" : "") + " while reading tensor '" + entry.name() + "'", e);
        } catch (IOException e) {
            throw new SafetensorsException("cannot read tensor '" + entry.name() + "' of " + path + ": "
                    + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new IOException("unexpected end of file");
            }
            at += read;
        }
    }

    private static SafetensorsException invalid(Path path, String reason) {
        return new SafetensorsException("invalid safetensors file " + path + ": " + reason);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written, so there is nothing to lose
        }
    }
}
