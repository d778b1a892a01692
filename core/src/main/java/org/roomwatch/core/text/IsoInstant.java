package org.roomwatch.core.text;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without the general formatter behind it: two dates go into every message document, and
 * the formatter's field lookups were a fifth of the time spent building one. Same text, character for character
 * (a test holds it to {@code toString} over random instants); instants outside 1970..9999 take {@code toString} itself.
 */
public final class IsoInstant {
    private static final long YEAR_10000 = 253_402_300_800L;

    private IsoInstant() {}

    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        int nano = instant.getNano();
        char[] out = new char[30];
        int at = digits(out, 0, date.getYear(), 4);
        out[at++] = '-';
        at = digits(out, at, date.getMonthValue(), 2);
        out[at++] = '-';
        at = digits(out, at, date.getDayOfMonth(), 2);
        out[at++] = 'T';
        at = digits(out, at, secondOfDay / 3600, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay / 60 % 60, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay % 60, 2);
        if (nano > 0) {
            // As ISO_INSTANT prints it: milli, micro or nano precision, whichever is the shortest exact one.
            out[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(out, at, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                at = digits(out, at, nano / 1_000, 6);
            } else {
                at = digits(out, at, nano, 9);
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
