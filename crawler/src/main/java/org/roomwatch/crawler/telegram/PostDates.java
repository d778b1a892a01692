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
        Instant fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss} then {@code Z} or {@code ±hh:mm}, when exactly that and valid; else null. */
    private static Instant fast(String text) {
        boolean utc = text.length() == 20 && text.charAt(19) == 'Z';
        boolean offset = text.length() == 25 && (text.charAt(19) == '+' || text.charAt(19) == '-') && text.charAt(22) == ':';
        if (!(utc || offset) || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int[] fields = {digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13), digits(text, 14, 16),
                digits(text, 17, 19), utc ? 0 : digits(text, 20, 22), utc ? 0 : digits(text, 23, 25)};
        for (int f : fields) {
            if (f < 0) {
                return null;
            }
        }
        int sign = !utc && text.charAt(19) == '-' ? -1 : 1;
        try {
            return OffsetDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], 0,
                    ZoneOffset.ofHoursMinutes(sign * fields[6], sign * fields[7])).toInstant();
        } catch (DateTimeException e) {
            return null; // out of range: the full parser says so
        }
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
