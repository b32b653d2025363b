package com.pawprint.contracts;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorableTextTest {

    @Test
    void acceptsTextWithTabsNewlinesAndEmoji() {
        assertEquals(Optional.empty(), StorableText.problem("a photo of sks cat,\tsitting\r\non a sofa 🐈 — ü"));
        assertEquals(Optional.empty(), StorableText.problem(null));
    }

    @Test
    void namesTheControlCharacterAndWhereItIs() {
        assertEquals(Optional.of("contains the control character U+0000 at position 2; only tab, line feed and "
                + "carriage return are allowed"), StorableText.problem("ab\u0000c"));
        assertTrue(StorableText.problem("\u001b[31m").orElseThrow().contains("U+001B at position 0"));
        assertTrue(StorableText.problem("x\u0085").orElseThrow().contains("U+0085"));
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertEquals(Optional.of("contains an unpaired surrogate U+D83D at position 4"),
                StorableText.problem("cat \ud83d"));
        assertTrue(StorableText.problem("\udc08 cat").orElseThrow().contains("U+DC08 at position 0"));
    }
}
