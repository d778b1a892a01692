package org.roomwatch.core.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's periodic work on one small pool of daemon threads: mail sending, digests, rule and registry refreshes,
 * discovered pages, retention, the disk watch. A run that fails is logged with what it was doing and the next run
 * goes on; nothing periodic keeps a thread of its own.
 */
public final class Periodic implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final ScheduledExecutorService pool;

    /** A pool of {@code threads} daemon threads named {@code name-N}. */
    public Periodic(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} after {@code firstAfter}, then {@code period} after each run ends; {@code what} names it in logs. */
    public void every(String what, Duration firstAfter, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException(what + ": the period must be positive, got " + period);
        }
        pool.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Failed {}; the next run tries again: {}", what, e.toString());
            }
        }, firstAfter.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
