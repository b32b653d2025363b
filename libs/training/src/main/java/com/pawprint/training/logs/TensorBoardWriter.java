package com.pawprint.training.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Scalars as a TensorBoard event file ({@code events.out.tfevents.<seconds>.<host>}) that {@code tensorboard --logdir}
 * opens: TFRecords ({@code length, masked CRC-32C of length, data, masked CRC-32C of data}) holding {@code Event}
 * protobufs, the first with {@code file_version "brain.Event:2"}. Protobuf is written by hand: three message types
 * do not justify a protobuf dependency.
 */
public final class TensorBoardWriter implements AutoCloseable {

    private static final int MASK_DELTA = 0xa282ead8;

    private final Path file;
    private final OutputStream out;

    private TensorBoardWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Opens a new event file in {@code dir}, named as TensorBoard's writer names them. */
    public static TensorBoardWriter create(Path dir, long wallSeconds, String host) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("events.out.tfevents." + wallSeconds + "." + host);
            TensorBoardWriter writer = new TensorBoardWriter(file, Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            ByteArrayOutputStream event = new ByteArrayOutputStream();
            writeDouble(event, 1, wallSeconds);
            writeBytes(event, 3, "brain.Event:2".getBytes(StandardCharsets.UTF_8));
            writer.record(event.toByteArray());
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorBoard events in " + dir, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one scalar and flushes, so a live TensorBoard sees it and a killed run keeps it. */
    public void scalar(String tag, float value, long step, double wallTime) {
        ByteArrayOutputStream summaryValue = new ByteArrayOutputStream();
        writeBytes(summaryValue, 1, tag.getBytes(StandardCharsets.UTF_8));
        writeFloat(summaryValue, 2, value);
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        writeBytes(summary, 1, summaryValue.toByteArray());
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        writeDouble(event, 1, wallTime);
        writeVarintField(event, 2, step);
        writeBytes(event, 5, summary.toByteArray());
        try {
            record(event.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private void record(byte[] data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        byte[] length = new byte[8];
        header.flip().get(length);
        ByteBuffer frame = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        frame.put(length).putInt(maskedCrc(length)).put(data).putInt(maskedCrc(data));
        out.write(frame.array());
        out.flush();
    }

    /** TFRecord's masked CRC-32C: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. */
    public static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }

    private static void writeTag(ByteArrayOutputStream out, int field, int wireType) {
        writeVarint(out, ((long) field << 3) | wireType);
    }

    private static void writeVarintField(ByteArrayOutputStream out, int field, long value) {
        writeTag(out, field, 0);
        writeVarint(out, value);
    }

    private static void writeDouble(ByteArrayOutputStream out, int field, double value) {
        writeTag(out, field, 1);
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xff);
        }
    }

    private static void writeFloat(ByteArrayOutputStream out, int field, float value) {
        writeTag(out, field, 5);
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xff);
        }
    }

    private static void writeBytes(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeTag(out, field, 2);
        writeVarint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
