package org.roomwatch.crawler.telegram;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Telegram's abbreviated counters: "3.4K" is 3400, "1.2M" is 1200000, "1 234" and "1,234" are 1234. */
public final class Counts {
    private static final Pattern NUMBER = Pattern.compile("(\\d[\\d\\s,\u00a0\u202f]*(?:\\.\\d+)?)\\s*([KMB])?", Pattern.CASE_INSENSITIVE);

    private Counts() {}

    /** Returns null when there is no number in the text. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && trimmed.length() <= 18 && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(trimmed); // most counters are plain digits: no pattern needed
        }
        Matcher m = NUMBER.matcher(trimmed);
        if (!m.find()) {
            return null;
        }
        String digits = m.group(1).replaceAll("[\\s,\u00a0\u202f]", "");
        double value;
        try {
            value = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            return null;
        }
        String suffix = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        double scale = switch (suffix) {
            case "K" -> 1_000d;
            case "M" -> 1_000_000d;
            case "B" -> 1_000_000_000d;
            default -> 1d;
        };
        return Math.round(value * scale);
    }
}
