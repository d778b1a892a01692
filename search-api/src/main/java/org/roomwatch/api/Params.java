package org.roomwatch.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Reads query parameters; anything unusable is a {@link BadParameter} naming the parameter and the fix. */
final class Params {
    static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    private final Context ctx;

    Params(Context ctx, Set<String> allowed) {
        this.ctx = ctx;
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                throw new BadParameter(name, "unknown parameter '" + name + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    String text(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 500) {
            throw new BadParameter(name, name + " is longer than 500 characters");
        }
        return value.trim();
    }

    int integer(String name, int fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be a whole number, got '" + value + "'");
        }
    }

    Long longValue(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be a whole number, got '" + value + "'");
        }
    }

    Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadParameter(name, name + " must be true or false, got '" + value + "'");
        };
    }

    /** A date (2026-03-01, Korean time; as an upper bound the whole day counts) or an instant (2026-03-01T09:00:00Z). */
    Instant instant(String name, boolean endOfDay) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1).atStartOfDay(KOREA).minusNanos(1) : day.atStartOfDay(KOREA)).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, name + " must be a date like 2026-03-01 or an instant like 2026-03-01T09:00:00Z, got '" + value + "'");
        }
    }
}
