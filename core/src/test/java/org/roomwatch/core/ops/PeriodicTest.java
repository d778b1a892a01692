package org.roomwatch.core.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The process's one pool for periodic work: a failing run is logged and the schedule goes on. */
class PeriodicTest {
    @Test
    void aRunThatFailsDoesNotStopTheNextOnes() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        try (Periodic periodic = new Periodic("test-periodic", 1)) {
            periodic.every("failing on purpose", Duration.ZERO, Duration.ofMillis(10), () -> {
                runs.incrementAndGet();
                three.countDown();
                throw new IllegalStateException("boom");
            });
            assertTrue(three.await(10, TimeUnit.SECONDS), "ran " + runs.get() + " times");
        }
    }

    @Test
    void aPeriodThatIsNotPositiveIsRefusedNamingTheTask() {
        try (Periodic periodic = new Periodic("test-periodic", 1)) {
            var e = assertThrows(IllegalArgumentException.class, () -> periodic.every("digests", Duration.ZERO, Duration.ZERO, () -> { }));
            assertTrue(e.getMessage().startsWith("digests:"), e.getMessage());
        }
    }
}
