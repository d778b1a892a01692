package org.roomwatch.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a watched room is reached. */
public enum SourceKind {
    /** The public web preview, t.me/s/NAME. */
    PUBLIC("public"),
    /** An authorized account (TDLib). */
    ACCOUNT("account");

    private final String key;

    SourceKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static SourceKind parse(String value) {
        for (SourceKind kind : values()) {
            if (kind.key.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("source must be one of "
                + Arrays.stream(values()).map(k -> k.key).collect(Collectors.joining(", "))
                + "; got [" + value + "]");
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
