package com.pawprint.diffusion.infotext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.pawprint.diffusion.safetensors.RawTensor;
import com.pawprint.diffusion.safetensors.SafetensorsDType;
import com.pawprint.diffusion.safetensors.SafetensorsWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class A1111HashesTest {

    @TempDir
    Path dir;

    @Test
    void theModelHashIsTheFirstTenHexDigitsOfTheFilesSha256() throws Exception {
        Path file = Files.write(dir.resolve("abc.safetensors"), "abc".getBytes(StandardCharsets.US_ASCII));
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2)
        assertEquals("ba7816bf8f", A1111Hashes.checkpoint(file));
    }

    @Test
    void aLoraIsNamedByTheFirstTwelveDigitsOfItsKohyaHash() {
        Path file = dir.resolve("mochi.safetensors");
        RawTensor alpha = new RawTensor(SafetensorsDType.F32, new Shape(), ByteBuffer.allocate(4));
        SafetensorsWriter.writeRaw(file, Map.of("lora_te_text_model_encoder_layers_0_mlp_fc1.alpha", alpha),
                Map.of("sshs_model_hash", "3f1a9c2b7d4e" + "5".repeat(52)));
        assertEquals("3f1a9c2b7d4e", A1111Hashes.lora(file));
    }

    @Test
    void theEngineVersionIsFilledInByTheBuild() {
        assertTrue(EngineVersion.infotext().matches("pawprint-\\d+\\.\\d+.*"), EngineVersion.infotext());
    }
}
