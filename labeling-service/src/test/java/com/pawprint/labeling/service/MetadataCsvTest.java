package com.pawprint.labeling.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataCsvTest {

    @Test
    void roundTripsCommasQuotesLineBreaksAndUnicode() {
        List<MetadataCsv.Row> rows = List.of(
                new MetadataCsv.Row("a.jpg", "mochi_cat cat, british shorthair, gray fur"),
                new MetadataCsv.Row("b.jpg", "mochi_cat cat, a \"tiny\" hat, \"quoted\""),
                new MetadataCsv.Row("c.jpg", "señor_bigotes pet, 猫, ünïcödé 🐾, two\nlines"),
                new MetadataCsv.Row("d.jpg", "plain"),
                new MetadataCsv.Row("e,comma.jpg", ""));
        String csv = MetadataCsv.write(rows);
        assertThat(csv).startsWith("filename,prompt\r\n")
                .contains("a.jpg,\"mochi_cat cat, british shorthair, gray fur\"\r\n")
                .contains("b.jpg,\"mochi_cat cat, a \"\"tiny\"\" hat, \"\"quoted\"\"\"\r\n")
                .contains("d.jpg,plain\r\n")
                .contains("\"e,comma.jpg\",\r\n");
        assertThat(MetadataCsv.read(csv)).containsExactlyElementsOf(rows);
    }

    @Test
    void readsTheUnquotedFormSplittingAtTheFirstComma() {
        String handWritten = "filename,prompt\n"
                + "a.jpg,mochi_cat cat, gray fur, sitting\n"
                + "\n"
                + "b.jpg,\"mochi_cat cat, in quotes\"\n"
                + "c.jpg,one tag";
        assertThat(MetadataCsv.read(handWritten)).containsExactly(
                new MetadataCsv.Row("a.jpg", "mochi_cat cat, gray fur, sitting"),
                new MetadataCsv.Row("b.jpg", "mochi_cat cat, in quotes"),
                new MetadataCsv.Row("c.jpg", "one tag"));
        assertThat(MetadataCsv.read("\uFEFFx.png,y")).containsExactly(new MetadataCsv.Row("x.png", "y"));
    }

    @Test
    void namesTheLineOfBrokenRows() {
        assertThatThrownBy(() -> MetadataCsv.read("filename,prompt\nno comma here\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> MetadataCsv.read("a.jpg,\"never closed\n"))
                .hasMessageContaining("unterminated");
    }
}
