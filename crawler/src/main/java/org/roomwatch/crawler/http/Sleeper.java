package org.roomwatch.crawler.http;

import java.time.Duration;

/** Waiting, made injectable so that tests of backoff and rate limits take no real time. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
