package org.roomwatch.crawler.schedule;

import java.time.Duration;

/**
 * After the index refuses a store (down, 429 or 503 beyond the writer's own retries), every crawl of this process
 * waits before fetching again: first {@code initial}, doubling per further failure up to {@code max}; one
 * acknowledged store ends it. Measured on the monotonic clock, so a wall-clock jump neither ends a pause early nor
 * stretches it into hours.
 */
final class StorePause {
    private final Duration initial;
    private final Duration max;
    private long pausedUntilNanos;
    private Duration next;
    private boolean paused;
    private final java.util.function.LongSupplier nanoTime;

    StorePause(Duration initial, Duration max, java.util.function.LongSupplier nanoTime) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
        this.nanoTime = nanoTime;
    }

    synchronized void failed() {
        pausedUntilNanos = nanoTime.getAsLong() + next.toNanos();
        paused = true;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
    }

    synchronized void clear() {
        paused = false;
        next = initial;
    }

    synchronized boolean isPaused() {
        return paused && nanoTime.getAsLong() - pausedUntilNanos < 0;
    }

    synchronized Duration remaining() {
        return isPaused() ? Duration.ofNanos(pausedUntilNanos - nanoTime.getAsLong()) : Duration.ZERO;
    }
}
