package org.roomwatch.core.account;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An authorized Telegram account the unit controls, as admins see it: its state, in plain words why, and until when
 * Telegram asked it to wait. The phone number is only ever kept masked.
 */
public record CrawlAccount(String name, String phoneMasked, State state, String detail, Instant rateLimitedUntil,
                           String addedBy, Instant addedAt) {
    /** Where an account stands. */
    public enum State {
        /** Logged in and reading. */
        AUTHORIZED,
        /** Not logged in (never finished, revoked elsewhere, or the session expired): add it again. */
        LOGGED_OUT,
        /** Telegram banned the number. */
        BANNED,
        /** Telegram asked it to wait until {@code rateLimitedUntil}. */
        RATE_LIMITED,
        /** The last login failed for another reason (see detail). */
        FAILED
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,31}");

    public CrawlAccount {
        name = requireName(name);
        Objects.requireNonNull(state, "state");
    }

    /** Account names are also folder names: 2 to 32 of a-z, 0-9, '_' and '-', starting with a letter. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("account name [" + name + "] must be 2 to 32 lower-case letters, digits,"
                    + " '_' or '-', starting with a letter");
        }
        return name;
    }

    /** {@code +82 10 1234 5678} as {@code +82 •••• 5678}: enough to tell accounts apart, no more. */
    public static String mask(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        if (digits.length() < 6) {
            throw new IllegalArgumentException("[" + phone + "] is not a phone number: type it with the country code,"
                    + " like +82 10 0000 0000");
        }
        return "+" + digits.substring(0, 2) + " •••• " + digits.substring(digits.length() - 4);
    }
}
