package org.roomwatch.crawler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HostRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L); // the monotonic clock may well be negative
    private final List<Duration> waits = new ArrayList<>();
    private final HostRateLimiter limiter = new HostRateLimiter(4, nanos::get, d -> {
        waits.add(d);
        nanos.addAndGet(d.toNanos());
    });

    @Test
    void requestsToOneHostAreSpacedAndOtherHostsAreNot() throws InterruptedException {
        limiter.acquire("a:443");
        limiter.acquire("a:443");
        limiter.acquire("b:443");
        limiter.acquire("a:443");
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250)), waits);
    }

    @Test
    void aQuietHostDoesNotSaveUpABurst() throws InterruptedException {
        limiter.acquire("a:443");
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        limiter.acquire("a:443");
        limiter.acquire("a:443");
        assertEquals(List.of(Duration.ofMillis(250)), waits);
    }

    @Test
    void aPauseHoldsTheHostUntilItEndsAndNeverShortensAnEarlierOne() throws InterruptedException {
        limiter.pause("a:443", Duration.ofSeconds(30));
        limiter.pause("a:443", Duration.ofSeconds(5));
        limiter.acquire("a:443");
        assertEquals(List.of(Duration.ofSeconds(30)), waits);
    }
}
