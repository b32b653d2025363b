package com.pawprint.ingest.service;

import java.util.regex.Pattern;

/**
 * Client file names are only echoed back, never used for storage; still, a name shaped like a path is a sign of a
 * broken or hostile client, so such a file is refused.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private FileNames() {
    }

    public static boolean isPathShaped(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals(".") || name.equals("..")
                || name.startsWith("~") || DRIVE.matcher(name).matches() || name.length() > MAX_LENGTH
                || name.chars().anyMatch(Character::isISOControl);
    }
}
