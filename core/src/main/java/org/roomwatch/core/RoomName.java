package org.roomwatch.core;

import java.util.regex.Pattern;

/** Validates public room names (Telegram usernames) before they get near a URL or a file name. */
public final class RoomName {
    // Telegram usernames: 5 to 32 of a-z, 0-9 and underscore, starting with a letter. We accept 4+ for old names.
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{3,31}");

    private RoomName() {}

    /** Returns the name, or throws with a message that says what is wrong with it. */
    public static String require(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("room name is empty");
        }
        String trimmed = name.trim();
        if (trimmed.startsWith("@")) {
            trimmed = trimmed.substring(1);
        }
        if (!USERNAME.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("room name [" + name + "] is not a public room name: use 4 to 32 letters,"
                    + " digits or underscores starting with a letter (no '/', '.', spaces or URLs)");
        }
        return trimmed;
    }
}
