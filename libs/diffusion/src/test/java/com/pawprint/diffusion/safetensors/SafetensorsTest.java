package com.pawprint.diffusion.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.nn.MissingTensorException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void roundTripKeepsValuesTypesShapesAndMetadata() {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", manager.create(new float[] {1.5f, -2f, 3.25f, 0f, 7f, -0.5f}, new Shape(2, 3)));
        tensors.put("a.half", manager.create(new float[] {0.5f, -1.25f, 65504f}).toType(DataType.FLOAT16, false));
        tensors.put("ids", manager.create(new long[] {0, 1, 49407}));
        tensors.put("counts", manager.create(new int[] {3, -4}));
        tensors.put("mask", manager.create(new byte[] {0, 1, (byte) 255}).toType(DataType.UINT8, false));
        tensors.put("alpha", manager.create(4f));
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("ss_network_dim", "8", "format", "pt"));

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertEquals(List.of("a.half", "alpha", "counts", "ids", "mask", "z.weight"), List.copyOf(read.names()));
            assertEquals(Map.of("ss_network_dim", "8", "format", "pt"), read.metadata());
            assertEquals(SafetensorsDType.F16, read.entry("a.half").dtype());
            NDArray half = read.load("a.half", manager);
            assertEquals(DataType.FLOAT32, half.getDataType());
            assertArrayEquals(new float[] {0.5f, -1.25f, 65504f}, half.toFloatArray());
            assertArrayEquals(tensors.get("z.weight").toFloatArray(), read.load("z.weight", manager).toFloatArray());
            assertEquals(new Shape(2, 3), read.load("z.weight", manager).getShape());
            assertArrayEquals(new long[] {0, 1, 49407}, read.load("ids", manager).toLongArray());
            assertArrayEquals(new int[] {3, -4}, read.load("counts", manager).toIntArray());
            assertArrayEquals(new byte[] {0, 1, (byte) 255}, read.load("mask", manager).toByteArray());
            NDArray alpha = read.load("alpha", manager);
            assertTrue(alpha.getShape().isScalar());
            assertEquals(4f, alpha.getFloat());
        }
    }

    @Test
    void headerIsSpacePaddedToEightBytesSortedAndDeterministic() throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("b", manager.create(new float[] {1f}));
        tensors.put("a", manager.create(new float[] {2f, 3f}));
        Path first = dir.resolve("first.safetensors");
        Path second = dir.resolve("second.safetensors");
        SafetensorsWriter.write(first, tensors, Map.of("k", "v"));
        Map<String, NDArray> reversed = new LinkedHashMap<>();
        reversed.put("a", tensors.get("a"));
        reversed.put("b", tensors.get("b"));
        SafetensorsWriter.write(second, reversed, Map.of("k", "v"));

        byte[] bytes = Files.readAllBytes(first);
        assertArrayEquals(bytes, Files.readAllBytes(second));
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"a\":"), header);
        assertTrue(header.indexOf("\"a\"") < header.indexOf("\"b\""));
        assertEquals(header.stripTrailing().length() + countTrailingSpaces(header), header.length());
        assertEquals(8 + headerLength + 12, bytes.length);
        assertFalse(Files.exists(dir.resolve("first.safetensors.partial")));
    }

    private static int countTrailingSpaces(String text) {
        int count = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == ' '; i--) {
            count++;
        }
        return count;
    }

    @Test
    void halfAndBfloatWidenExactly() {
        short[] halves = {0x3c00, (short) 0xc000, 0x0001, (short) 0x8000, 0x7bff, 0x7c00};
        float[] halfValues = {1f, -2f, 5.9604645e-8f, -0f, 65504f, Float.POSITIVE_INFINITY};
        short[] bfloats = {0x3f80, (short) 0xc049, 0x0000};
        float[] bfloatValues = {1f, Float.intBitsToFloat(0xc0490000), 0f};
        Map<String, RawTensor> raw = new LinkedHashMap<>();
        raw.put("h", new RawTensor(SafetensorsDType.F16, new Shape(halves.length), shorts(halves)));
        raw.put("b", new RawTensor(SafetensorsDType.BF16, new Shape(bfloats.length), shorts(bfloats)));
        Path file = dir.resolve("half.safetensors");
        SafetensorsWriter.writeRaw(file, raw, Map.of());
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertArrayEquals(halfValues, read.load("h", manager).toFloatArray());
            NDArray widened = read.load("b", manager);
            assertEquals(DataType.FLOAT32, widened.getDataType());
            assertArrayEquals(bfloatValues, widened.toFloatArray());
            assertTrue(read.metadata().isEmpty());
        }
    }

    private static ByteBuffer shorts(short[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short value : values) {
            buffer.putShort(value);
        }
        return buffer.flip();
    }

    @Test
    void readsTensorsBeyondTwoGigabytes() throws IOException {
        long offset = 2_300_000_000L;
        String header = "{\"big\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + offset + "," + (offset + 8)
                + "]}}";
        Path file = dir.resolve("sparse.safetensors");
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
            out.write(length.array());
            out.write(headerBytes);
            out.seek(8 + headerBytes.length + offset);
            ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-3f);
            out.write(data.array());
        }
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {1.5f, -3f}, read.load("big", manager).toFloatArray());
        }
    }

    @Test
    void lyingOrTruncatedHeadersFailClearly() throws IOException {
        String entry = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        assertRejected(file(entry, 16), null);
        assertRejected(file(entry, 8), "outside the 8-byte data section");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,16]}}", 16),
                "= 24 bytes, but its data_offsets span 16");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlap");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "outside");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "bad dimension");
        assertRejected(file("{\"t\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "unsupported dtype");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[1]}}", 8), "two data_offsets");
        assertRejected(file("{\"__metadata__\":{\"n\":3}}", 0), "not a string");
        assertRejected(file("{\"t\": [1, 2", 0), "not valid JSON");
        assertRejected(file("[1,2]", 0), "not a JSON object");

        Path lengthTooLong = dir.resolve("long.safetensors");
        Files.write(lengthTooLong, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertRejected(lengthTooLong, "header length 1000 does not fit");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        assertRejected(tiny, "too short");
        assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(dir.resolve("absent.safetensors")));
    }

    private void assertRejected(Path file, String expectedMessage) {
        if (expectedMessage == null) {
            try (SafetensorsFile ok = SafetensorsFile.open(file)) {
                assertEquals(new Shape(2, 2), ok.entry("t").shape());
            }
            return;
        }
        SafetensorsException error = assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(file));
        assertTrue(error.getMessage().contains(expectedMessage), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    private int files;

    private Path file(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json);
        Path path = dir.resolve("case" + files++ + ".safetensors");
        Files.write(path, buffer.array());
        return path;
    }

    @Test
    void sourceServesShardsAndRejectsDuplicates() {
        Path first = dir.resolve("a.safetensors");
        Path second = dir.resolve("b.safetensors");
        SafetensorsWriter.write(first, Map.of("x", manager.create(new float[] {1f})), Map.of("a", "1"));
        SafetensorsWriter.write(second, Map.of("y", manager.create(new float[] {2f, 3f}).toType(DataType.FLOAT16, false)),
                Map.of("b", "2"));
        try (SafetensorsSource source = SafetensorsSource.open(List.of(first, second))) {
            assertEquals(List.of("x", "y"), List.copyOf(source.names()));
            assertEquals(new Shape(2), source.info("y").shape());
            assertEquals(DataType.FLOAT32, source.info("y").dtype());
            assertEquals(SafetensorsDType.F16, source.storedType("y"));
            assertArrayEquals(new float[] {2f, 3f}, source.load("y", manager).toFloatArray());
            assertEquals(Map.of("a", "1", "b", "2"), source.metadata());
            assertThrows(MissingTensorException.class, () -> source.load("z", manager));
        }
        SafetensorsException duplicate = assertThrows(SafetensorsException.class,
                () -> SafetensorsSource.open(List.of(first, first)));
        assertTrue(duplicate.getMessage().contains("'x'"));
    }
}
