package org.roomwatch.crawler.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** At most N requests per second to one host: each request reserves the next free slot, then waits for it. */
public final class HostRateLimiter {
    private final Duration spacing;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Instant> nextSlot = new HashMap<>();

    public HostRateLimiter(double requestsPerSecond, Clock clock, Sleeper sleeper) {
        this.spacing = Duration.ofNanos((long) (1_000_000_000L / requestsPerSecond));
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public void acquire(String host) throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant slot = nextSlot.getOrDefault(host, now);
            if (slot.isBefore(now)) {
                slot = now;
            }
            nextSlot.put(host, slot.plus(spacing));
            wait = Duration.between(now, slot);
        }
        if (!wait.isZero() && !wait.isNegative()) {
            sleeper.sleep(wait);
        }
    }

    /** Pushes the host's next slot out, e.g. after a 429 with Retry-After. */
    public synchronized void pause(String host, Duration duration) {
        Instant until = clock.instant().plus(duration);
        nextSlot.merge(host, until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
