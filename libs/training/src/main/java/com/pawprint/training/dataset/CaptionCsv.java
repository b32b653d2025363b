package com.pawprint.training.dataset;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * lora-scripts' {@code metadata_path}: a CSV of {@code filename,prompt} rows as RFC 4180 writes them (fields may be
 * quoted, quotes doubled inside, commas and line breaks allowed in quoted fields), with an optional header row.
 * A quote that does not open a field is text, as Python's csv module reads it. Captions keep their commas, since
 * kohya's tags are comma-separated.
 */
public final class CaptionCsv {

    private static final Set<String> FILE_HEADERS = Set.of("filename", "file_name", "file", "image");
    private static final Set<String> CAPTION_HEADERS = Set.of("prompt", "caption", "text");
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private CaptionCsv() {
    }

    /** Reads {@code csv}; every malformed row is reported at once, each with its line. */
    public static List<CaptionRow> read(Path csv) {
        String text;
        try {
            if (Files.size(csv) > MAX_BYTES) {
                throw new DatasetException(csv + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(csv)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DatasetException(csv + " is not UTF-8 text");
        } catch (IOException e) {
            throw new DatasetException("cannot read metadata CSV " + csv + ": " + e.getMessage());
        }
        return parse(text, csv.getFileName().toString());
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static List<CaptionRow> parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> problems = new ArrayList<>();
        List<CaptionRow> rows = new ArrayList<>();
        int position = 0;
        int line = 1;
        boolean first = true;
        while (position < text.length()) {
            int rowLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            boolean endOfRow = false;
            String error = null;
            while (position < text.length() && !endOfRow) {
                char c = text.charAt(position++);
                if (quoted) {
                    if (c == '"') {
                        if (position < text.length() && text.charAt(position) == '"') {
                            field.append('"');
                            position++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && position < text.length() && text.charAt(position) == '\n') {
                        position++;
                    }
                    line++;
                    endOfRow = true;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                error = "a quoted field that never ends";
            }
            fields.add(field.toString());
            if (fields.size() == 1 && fields.get(0).isBlank() && !wasQuoted) {
                continue;
            }
            if (first && isHeader(fields)) {
                first = false;
                continue;
            }
            first = false;
            if (error == null && fields.size() != 2) {
                error = "expected 2 fields (filename,prompt), found " + fields.size()
                        + " (quote captions that contain commas)";
            }
            if (error == null && fields.get(0).isBlank()) {
                error = "the file name is empty";
            }
            if (error != null) {
                problems.add(source + " line " + rowLine + ": " + error);
            } else {
                rows.add(new CaptionRow(rowLine, fields.get(0).strip(), fields.get(1).strip()));
            }
        }
        if (!problems.isEmpty()) {
            throw new DatasetException(problems);
        }
        return rows;
    }

    private static boolean isHeader(List<String> fields) {
        return fields.size() == 2 && FILE_HEADERS.contains(fields.get(0).strip().toLowerCase(Locale.ROOT))
                && CAPTION_HEADERS.contains(fields.get(1).strip().toLowerCase(Locale.ROOT));
    }
}
