package com.pawprint.diffusion.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.safetensors.RawTensor;
import com.pawprint.diffusion.safetensors.SafetensorsDType;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash A1111 names a LoRA by, on files written here without a model (raw tensors). */
class LoraModelHashTest {

    private static final String RECORDED = "3F1A9C2B7D4E" + "0".repeat(52);

    @TempDir
    Path dir;

    private final Map<String, RawTensor> tensors = Map.of(
            "lora_unet_mid_block_attentions_0_proj_in.lora_down.weight", tensor(2, 3, 1f),
            "lora_unet_mid_block_attentions_0_proj_in.lora_up.weight", tensor(3, 2, -1f),
            "lora_unet_mid_block_attentions_0_proj_in.alpha", tensor(1, 1, 4f));

    @Test
    void takesTheRecordedHashInLowerCase() {
        Path file = dir.resolve("recorded.safetensors");
        SafetensorsWriter.writeRaw(file, tensors, Map.of("sshs_model_hash", RECORDED));
        assertEquals(RECORDED.toLowerCase(), LoraNetwork.modelHash(file));
    }

    @Test
    void computesItOverTheDataSectionWhenNoneIsRecordedOrTheRecordIsNoHash() throws Exception {
        Path bare = dir.resolve("bare.safetensors");
        SafetensorsWriter.writeRaw(bare, tensors, Map.of());
        assertEquals(sha256OfDataSection(bare), LoraNetwork.modelHash(bare));

        Path forged = dir.resolve("forged.safetensors");
        SafetensorsWriter.writeRaw(forged, tensors, Map.of("sshs_model_hash", "abc, Seed: 1"));
        assertEquals(sha256OfDataSection(bare), LoraNetwork.modelHash(forged), "same tensors, same hash");
    }

    private static RawTensor tensor(int rows, int columns, float start) {
        ByteBuffer data = ByteBuffer.allocate(rows * columns * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * columns; i++) {
            data.putFloat(start + i);
        }
        return new RawTensor(SafetensorsDType.F32, new Shape(rows, columns), data.flip());
    }

    /** sd-webui's addnet hash, read the way it does: everything after the header. */
    private static String sha256OfDataSection(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = Arrays.copyOfRange(bytes, (int) (8 + headerLength), bytes.length);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
