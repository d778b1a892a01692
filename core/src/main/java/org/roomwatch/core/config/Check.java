package org.roomwatch.core.config;

import java.time.Duration;

/** Range checks for configuration records; the message names the key. */
final class Check {
    private Check() {}

    static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    static long atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    static Duration positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 30s or 5m, got " + value);
        }
        return value;
    }

    static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value.trim();
    }

    static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
