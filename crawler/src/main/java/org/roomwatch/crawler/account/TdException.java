package org.roomwatch.crawler.account;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code error} TDLib answered, with its code and its own message, sorted into what the caller must do. */
public class TdException extends Exception {
    /** What an error means for the account and the room it came from. */
    public enum Kind {
        /** 429: wait {@link TdRateLimitException#retryAfter()} before asking again. */
        RATE_LIMITED,
        /** The session is gone (logged out elsewhere, revoked): the account must log in again. */
        UNAUTHORIZED,
        /** Telegram banned the account's number. */
        BANNED,
        /** The account may not read this room (kicked, banned from it, the room is private or gone). */
        NO_ACCESS,
        /** The request itself was wrong (a bad code, an unknown username, an invalid link). */
        REJECTED,
        /** No answer in time. */
        TIMEOUT,
        /** Anything else (TDLib closing, network errors): try again later. */
        OTHER
    }

    private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d+)|FLOOD_WAIT_(\\d+)");

    private final int code;
    private final String tdMessage;
    private final Kind kind;

    public TdException(int code, String tdMessage, Kind kind) {
        super(describe(code, tdMessage, kind));
        this.code = code;
        this.tdMessage = tdMessage;
        this.kind = kind;
    }

    /** The typed exception for an error TDLib answered. */
    public static TdException of(int code, String message) {
        String m = message == null ? "" : message;
        Matcher retry = RETRY_AFTER.matcher(m);
        if (code == 429 || (code == 420 && retry.find())) {
            long seconds = retry.reset().find() ? Long.parseLong(retry.group(1) != null ? retry.group(1) : retry.group(2)) : 60;
            return new TdRateLimitException(code, m, Duration.ofSeconds(seconds));
        }
        String upper = m.toUpperCase(Locale.ROOT);
        Kind kind;
        if (upper.contains("PHONE_NUMBER_BANNED") || upper.contains("USER_DEACTIVATED_BAN")) {
            kind = Kind.BANNED;
        } else if (code == 401 || upper.contains("AUTH_KEY_UNREGISTERED") || upper.contains("SESSION_REVOKED")
                || upper.contains("USER_DEACTIVATED")) {
            kind = Kind.UNAUTHORIZED;
        } else if (code == 403 || upper.contains("CHANNEL_PRIVATE") || upper.contains("CHAT_NOT_FOUND")
                || upper.contains("CHAT NOT FOUND") || upper.contains("HAVE NO ACCESS") || upper.contains("USER_BANNED_IN_CHANNEL")) {
            kind = Kind.NO_ACCESS;
        } else if (code == 400) {
            kind = Kind.REJECTED;
        } else {
            kind = Kind.OTHER;
        }
        return new TdException(code, m, kind);
    }

    private static String describe(int code, String message, Kind kind) {
        String plain = switch (kind) {
            case RATE_LIMITED -> "Telegram asks to slow down";
            case UNAUTHORIZED -> "the account's session is no longer valid; log it in again";
            case BANNED -> "Telegram has banned this account's phone number";
            case NO_ACCESS -> "the account cannot read this room (removed, banned, or the room is private or gone)";
            case REJECTED -> "Telegram refused the request";
            case TIMEOUT -> "TDLib did not answer in time";
            case OTHER -> "TDLib error";
        };
        return plain + " (TDLib " + code + ": " + message + ")";
    }

    public int code() {
        return code;
    }

    /** TDLib's own words. */
    public String tdMessage() {
        return tdMessage;
    }

    public Kind kind() {
        return kind;
    }
}
