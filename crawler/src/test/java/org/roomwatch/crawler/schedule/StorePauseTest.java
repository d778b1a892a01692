package org.roomwatch.crawler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StorePauseTest {
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofMinutes(10).toNanos()); // wraps: only differences count
    private final StorePause pause = new StorePause(Duration.ofSeconds(1), Duration.ofSeconds(5), nanos::get);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void pausesDoubleUpToTheMaximumAndOneSuccessEndsThem() {
        assertFalse(pause.isPaused());
        long[] expectedSeconds = {1, 2, 4, 5, 5};
        for (long seconds : expectedSeconds) {
            pause.failed();
            assertTrue(pause.isPaused());
            assertEquals(Duration.ofSeconds(seconds), pause.remaining());
            advance(Duration.ofSeconds(seconds).minusNanos(1));
            assertTrue(pause.isPaused(), "still paused just before " + seconds + " s");
            advance(Duration.ofNanos(1));
            assertFalse(pause.isPaused(), "over at " + seconds + " s");
        }
        pause.clear();
        pause.failed();
        assertEquals(Duration.ofSeconds(1), pause.remaining(), "a success starts the waits over");
        pause.clear();
        assertFalse(pause.isPaused());
    }
}
