package com.pawprint.training.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an event file back record by record, checking both CRCs of each, and decodes its Event protobufs. */
public final class TensorBoardFile {

    public record Event(double wallTime, long step, String fileVersion, String tag, Float value) {
    }

    private TensorBoardFile() {
    }

    public static List<Event> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] length = new byte[8];
            in.get(length);
            assertEquals(TensorBoardWriter.maskedCrc(length), in.getInt(), "length CRC of record " + events.size());
            byte[] data = new byte[(int) ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            in.get(data);
            assertEquals(TensorBoardWriter.maskedCrc(data), in.getInt(), "data CRC of record " + events.size());
            events.add(event(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN)));
        }
        return events;
    }

    private static Event event(ByteBuffer in) {
        double wallTime = 0;
        long step = 0;
        String version = null;
        String tag = null;
        Float value = null;
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            switch (field) {
                case 1 -> wallTime = in.getDouble();
                case 2 -> step = varint(in);
                case 3 -> version = new String(bytes(in), StandardCharsets.UTF_8);
                case 5 -> {
                    ByteBuffer summary = ByteBuffer.wrap(bytes(in)).order(ByteOrder.LITTLE_ENDIAN);
                    varint(summary);
                    ByteBuffer item = ByteBuffer.wrap(bytes(summary)).order(ByteOrder.LITTLE_ENDIAN);
                    while (item.hasRemaining()) {
                        long itemKey = varint(item);
                        if (itemKey >>> 3 == 1) {
                            tag = new String(bytes(item), StandardCharsets.UTF_8);
                        } else {
                            value = item.getFloat();
                        }
                    }
                }
                default -> throw new AssertionError("unexpected Event field " + field);
            }
        }
        return new Event(wallTime, step, version, tag, value);
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] bytes = new byte[(int) varint(in)];
        in.get(bytes);
        return bytes;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
