package org.roomwatch.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Login attempts per address: at most {@code perMinute} in any minute. With the per-user lockout (counted in the
 * database) this bounds both guessing one user's password from many addresses and many users' from one.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Beyond this many addresses remembered, the ones with no attempt in the window are forgotten. */
    private static final int MAX_ADDRESSES = 10_000;

    private final int perMinute;
    /** Guarded by this throttle's lock (every use is in the synchronized {@link #attempt}). */
    private final Map<String, Deque<Instant>> attempts = new HashMap<>();

    LoginThrottle(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts an attempt from {@code address}: zero when allowed, else how long until the next one is. */
    synchronized Duration attempt(String address, Instant now) {
        if (attempts.size() > MAX_ADDRESSES) {
            attempts.values().removeIf(q -> q.isEmpty() || !q.peekLast().isAfter(now.minus(WINDOW)));
        }
        Deque<Instant> recent = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.pollFirst();
        }
        if (recent.size() >= perMinute) {
            Duration wait = Duration.between(now, recent.peekFirst().plus(WINDOW));
            return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
        }
        recent.addLast(now);
        return Duration.ZERO;
    }
}
