package com.pawprint.render.service;

import java.math.BigDecimal;

/** A1111's {@code <lora:name:strength>} tag, as the prompt of a render records its LoRA. */
final class LoraTags {

    private LoraTags() {
    }

    static String tag(String versionName, double strength) {
        return "<lora:" + versionName + ":" + BigDecimal.valueOf(strength).stripTrailingZeros().toPlainString() + ">";
    }
}
