package org.roomwatch.crawler.telegram;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A post's {@code datetime}: t.me writes every one as {@code 2026-01-01T09:30:00+00:00} (and an ISO formatter in UTC
 * as {@code 2026-01-01T09:30:00Z}). Those two exact shapes are read directly; anything else goes through {@link OffsetDateTime#parse}, which also gives the errors. Same result either
 * way (a test compares them), at a fraction of the cost on pages of twenty posts.
 */
final class PostDates {
    private PostDates() {}

    static Instant parse(String text) {
        if (text.length() == 20 && text.charAt(19) == 'Z') {
            Instant utc = fast(text.substring(0, 19) + "+00:00");
            if (utc != null) {
                return utc;
            }
        }
        Instant fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss±hh:mm} when the text is exactly that and valid; else null. */
    private static Instant fast(String text) {
        if (text.length() == 25 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && (text.charAt(19) == '+' || text.charAt(19) == '-')
                && text.charAt(22) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int offsetHours = digits(text, 20, 22);
            int offsetMinutes = digits(text, 23, 25);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && offsetHours >= 0 && offsetMinutes >= 0) {
                int sign = text.charAt(19) == '-' ? -1 : 1;
                try {
                    return OffsetDateTime.of(year, month, day, hour, minute, second, 0,
                            ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes)).toInstant();
                } catch (DateTimeException e) {
                    // out of range: let the full parser say so
                }
            }
        }
        return null;
    }

    /** The decimal number in {@code [from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
