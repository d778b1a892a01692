package org.roomwatch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignalsPacerTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final List<String> recomputed = new ArrayList<>();
    private final SignalsPacer pacer = new SignalsPacer(recomputed::add, Duration.ofSeconds(5), clock::get);

    @Test
    void aQuietRoomIsRecomputedAtOnce() {
        pacer.stored("telegram:a");
        assertEquals(List.of("telegram:a"), recomputed);
        assertFalse(pacer.isMarked("telegram:a"));
    }

    @Test
    void aBusyRoomIsRecomputedOncePerIntervalAndItsLastStoreIsNotLeftBehind() {
        pacer.stored("telegram:a");
        for (int batch = 0; batch < 40; batch++) { // 40 batches within four seconds
            clock.addAndGet(SECOND / 10);
            pacer.stored("telegram:a");
            pacer.recomputeDue();
        }
        assertEquals(List.of("telegram:a"), recomputed, "no recomputation within the interval");
        assertTrue(pacer.isMarked("telegram:a"));

        clock.addAndGet(SECOND); // the interval has passed since the first recomputation: the marked room is due
        pacer.recomputeDue();
        assertEquals(List.of("telegram:a", "telegram:a"), recomputed);
        assertFalse(pacer.isMarked("telegram:a"));

        pacer.recomputeDue();
        assertEquals(2, recomputed.size(), "nothing stored since: nothing to recompute");
    }

    @Test
    void aRoomWrittenAgainIsRecomputedAtOnceWithinTheInterval() {
        pacer.stored("telegram:a");
        clock.addAndGet(SECOND);
        pacer.stored("telegram:a");
        assertTrue(pacer.isMarked("telegram:a"));
        pacer.roomWritten("telegram:a"); // its document was replaced, without the signals
        assertEquals(List.of("telegram:a", "telegram:a"), recomputed);
        assertFalse(pacer.isMarked("telegram:a"), "the recomputation covered the marked messages too");
        clock.addAndGet(SECOND);
        pacer.stored("telegram:a");
        assertEquals(2, recomputed.size(), "messages after it are paced from it");
    }

    @Test
    void roomsArePacedEachOnItsOwn() {
        pacer.stored("telegram:a");
        clock.addAndGet(3 * SECOND);
        pacer.stored("telegram:b");
        pacer.stored("telegram:a");
        assertEquals(List.of("telegram:a", "telegram:b"), recomputed);
        clock.addAndGet(2 * SECOND); // a is due, b is not
        pacer.stored("telegram:b");
        pacer.recomputeDue();
        assertEquals(List.of("telegram:a", "telegram:b", "telegram:a"), recomputed);
        assertTrue(pacer.isMarked("telegram:b"));
    }

    @Test
    void atShutdownEveryMarkedRoomIsRecomputed() {
        pacer.stored("telegram:a");
        pacer.stored("telegram:a");
        pacer.recomputeMarked();
        assertEquals(List.of("telegram:a", "telegram:a"), recomputed);
        assertFalse(pacer.isMarked("telegram:a"));
    }

    @Test
    void aFailureKeepsTheRoomMarkedAndIsTriedAgainAfterTheInterval() {
        List<String> tried = new ArrayList<>();
        SignalsPacer failing = new SignalsPacer(room -> {
            tried.add(room);
            if (tried.size() == 1) {
                throw new IllegalStateException("node unavailable");
            }
        }, Duration.ofSeconds(5), clock::get);
        assertThrows(IllegalStateException.class, () -> failing.stored("telegram:a"), "the caller logs it; the store stands");
        assertTrue(failing.isMarked("telegram:a"));
        failing.recomputeDue();
        assertEquals(1, tried.size(), "a failing node is not asked again before the interval");
        clock.addAndGet(5 * SECOND);
        failing.recomputeDue();
        assertEquals(2, tried.size());
        assertFalse(failing.isMarked("telegram:a"));
    }

    @Test
    void aNegativeIntervalIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SignalsPacer(recomputed::add, Duration.ofSeconds(-1), clock::get));
        assertTrue(e.getMessage().contains("PT-1S"), e.getMessage());
    }
}
