package com.pawprint.labeling.service;

import java.util.ArrayList;
import java.util.List;

/**
 * lora-scripts' {@code metadata.csv}: a {@code filename,prompt} header, then one {@code filename,prompt} row per
 * image. Captions hold commas, so fields are quoted as RFC 4180 says (CRLF line ends, quotes doubled). The reader
 * also takes the unquoted form hand-written files use, where everything after the first comma is the prompt.
 */
public final class MetadataCsv {

    public static final String HEADER = "filename,prompt";
    private static final String CRLF = "\r\n";

    public record Row(String filename, String prompt) {
    }

    private MetadataCsv() {
    }

    public static String write(List<Row> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append(CRLF);
        for (Row row : rows) {
            csv.append(field(row.filename())).append(',').append(field(row.prompt())).append(CRLF);
        }
        return csv.toString();
    }

    /**
     * @throws IllegalArgumentException for an unterminated quoted field or a row without a comma, naming the line
     */
    public static List<Row> read(String text) {
        List<Row> rows = new ArrayList<>();
        Cursor cursor = new Cursor(text);
        while (!cursor.atEnd()) {
            if (cursor.atLineBreak()) {
                cursor.skipLineBreak();
                continue;
            }
            int line = cursor.line;
            String filename = cursor.peek() == '"' ? cursor.quoted() : cursor.until(',');
            if (cursor.atEnd() || cursor.peek() != ',') {
                throw new IllegalArgumentException("metadata.csv line " + line + " has no comma between file name "
                        + "and prompt");
            }
            cursor.position++;
            String prompt = cursor.peek() == '"' ? cursor.quotedOrRestOfLine() : cursor.until('\n');
            cursor.skipLineBreak();
            if (!(rows.isEmpty() && filename.equals("filename") && prompt.equals("prompt"))) {
                rows.add(new Row(filename, prompt));
            }
        }
        return rows;
    }

    /** Reads through the text, counting lines for error messages. */
    private static final class Cursor {
        private final String text;
        private int position;
        private int line = 1;

        Cursor(String text) {
            this.text = text;
            this.position = text.startsWith("\uFEFF") ? 1 : 0;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(position);
        }

        boolean atLineBreak() {
            return peek() == '\r' || peek() == '\n';
        }

        void skipLineBreak() {
            if (peek() == '\r') {
                position++;
            }
            if (peek() == '\n') {
                position++;
                line++;
            }
        }

        /** Up to {@code stop} or the line's end, whichever comes first; a trailing CR is not part of it. */
        String until(char stop) {
            int start = position;
            while (!atEnd() && peek() != stop && !atLineBreak()) {
                position++;
            }
            return text.substring(start, position);
        }

        String quoted() {
            int startLine = line;
            StringBuilder value = new StringBuilder();
            position++;
            while (!atEnd()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    if (peek() == '"') {
                        value.append('"');
                        position++;
                        continue;
                    }
                    return value.toString();
                }
                if (c == '\n') {
                    line++;
                }
                value.append(c);
            }
            throw new IllegalArgumentException("metadata.csv line " + startLine + " has an unterminated quoted field");
        }

        /**
         * A quoted prompt, unless text follows the closing quote on the same line: then the line was written
         * unquoted and merely starts with a quote, and the whole rest of the line is the prompt.
         */
        String quotedOrRestOfLine() {
            int start = position;
            int startLine = line;
            String value = quoted();
            if (atEnd() || atLineBreak()) {
                return value;
            }
            position = start;
            line = startLine;
            return until('\n');
        }
    }

    private static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
