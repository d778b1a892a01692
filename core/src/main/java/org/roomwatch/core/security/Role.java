package org.roomwatch.core.security;

import java.util.Locale;

/** What a user may do; each role includes the ones before it. */
public enum Role {
    /** Search, read, export. */
    INVESTIGATOR,
    /** Also watchlists, room triage, hash sets, joining rooms through accounts. */
    ANALYST,
    /** Also users, crawl accounts and the audit log. */
    ADMIN;

    public boolean includes(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    public static Role parse(String value) {
        try {
            return valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be investigator, analyst or admin, got [" + value + "]");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
