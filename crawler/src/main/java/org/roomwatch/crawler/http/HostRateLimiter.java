package org.roomwatch.crawler.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most N requests per second to one host: each request reserves the next free slot, then waits for it. Slots are
 * kept on the monotonic clock: on the wall clock, a jump back by an hour would make the next slot an hour away and
 * stall every fetch from that host for that long.
 */
public final class HostRateLimiter {
    private final long spacingNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Map<String, Long> nextSlot = new HashMap<>();

    public HostRateLimiter(double requestsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.spacingNanos = (long) (1_000_000_000L / requestsPerSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public void acquire(String host) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = nextSlot.getOrDefault(host, now);
            if (slot - now < 0) {
                slot = now;
            }
            nextSlot.put(host, slot + spacingNanos);
            waitNanos = slot - now;
        }
        if (waitNanos > 0) {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /** Pushes the host's next slot out, e.g. after a 429 with Retry-After. */
    public synchronized void pause(String host, Duration duration) {
        long until = nanoTime.getAsLong() + duration.toNanos();
        nextSlot.merge(host, until, (a, b) -> a - b > 0 ? a : b);
    }
}
