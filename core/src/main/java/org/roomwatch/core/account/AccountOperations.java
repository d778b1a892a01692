package org.roomwatch.core.account;

import java.time.Instant;
import java.util.List;

/** What the API may ask of the authorized accounts: their states, a look at an invite link, an approved join. */
public interface AccountOperations {
    /** One account: its state, why, until when it rests, and the rooms it reads. */
    record AccountLine(String account, CrawlAccount.State state, String detail, Instant restingUntil, List<String> rooms) {}

    /** What an invite link leads to: status valid or expired_or_invalid, and the room's header when valid. */
    record InviteLook(String link, String status, String title, String kind, long members, boolean joinRequest,
                      String detail) {}

    /** An approved join's outcome (joined, request_sent, declined), as recorded. */
    record JoinRecord(String outcome, String account, String room, String detail) {}

    /** Thrown when no account can do what was asked now; the message says why. */
    final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    List<AccountLine> accounts();

    /** Looks at {@code link} through {@code account} (null: any account free now), without joining. */
    InviteLook inspect(String link, String account) throws Unavailable, InterruptedException;

    /** Joins by {@code link}, approved by {@code approvedBy}, watching the room as {@code room}. */
    JoinRecord join(String link, String room, String account, String approvedBy) throws InterruptedException;

    /**
     * Leaves a room the accounts joined ({@code left}), decided by {@code decidedBy}, recorded like a join; the
     * caller stops watching it. Unavailable when no account is a member of a room by that name.
     */
    JoinRecord leave(String room, String decidedBy) throws Unavailable, InterruptedException;
}
