package com.pawprint.diffusion.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** IEEE half and bfloat16 widening, done in Java because the CPU engine cannot hold BF16 arrays. */
final class HalfFloats {

    private HalfFloats() {
    }

    static void halfToFloat(ByteBuffer source, ByteBuffer target) {
        ShortBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        FloatBuffer out = target.asFloatBuffer();
        while (in.hasRemaining()) {
            out.put(halfToFloat(in.get()));
        }
        target.position(target.position() + out.position() * 4);
    }

    static void bfloatToFloat(ByteBuffer source, ByteBuffer target) {
        ShortBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        FloatBuffer out = target.asFloatBuffer();
        while (in.hasRemaining()) {
            out.put(Float.intBitsToFloat((in.get() & 0xffff) << 16));
        }
        target.position(target.position() + out.position() * 4);
    }

    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mantissa / 16_777_216f; // subnormal: mantissa * 2^-24
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
