package org.roomwatch.core.security;

import java.time.Instant;
import java.util.List;

/** The append-only, hash-chained audit log. */
public interface AuditLog {
    /** What an act to record is; the log adds the time, sequence and hashes. */
    record Act(String actor, String role, String address, String action, String target, String detail, Integer results,
               int status) {}

    /** Filters for reading the log; nulls match everything. */
    record Filter(String actor, String action, Instant from, Instant to, int limit) {}

    /** The outcome of checking the whole chain: ok, or the first entry where it breaks and how. */
    record Verification(boolean ok, long entries, Long brokenAt, String problem) {}

    AuditEntry append(Act act);

    /** Newest first. */
    List<AuditEntry> read(Filter filter);

    Verification verify();
}
