package org.roomwatch.indexer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's signals recomputed at most once per interval while messages keep arriving. The signals aggregate over all
 * of a room's messages; recomputed after every stored batch (20 messages from a public page, one from an account's
 * live update) they cost work in proportion to the room's size for every few messages, on the node the officers
 * search. A store into a room not recomputed within the interval recomputes at once (a room crawled now and then is
 * as current as before); a store within it only marks the room, and {@link #recomputeDue}, run every second by the
 * composition root, recomputes the marked rooms whose interval has passed. A busy room's signals are at most one
 * interval (and a second) behind its messages.
 */
public final class SignalsPacer {
    private static final Logger log = LoggerFactory.getLogger(SignalsPacer.class);

    private final Consumer<String> recompute;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastComputed = new ConcurrentHashMap<>();
    private final Set<String> marked = ConcurrentHashMap.newKeySet();

    public SignalsPacer(RoomSignals signals, Duration interval) {
        this(signals::refresh, interval, System::nanoTime);
    }

    /** {@code recompute}: what recomputes one room's signals; {@code nanoTime}: the monotonic clock (tests give their own). */
    SignalsPacer(Consumer<String> recompute, Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the signals' interval must not be negative: " + interval);
        }
        this.recompute = recompute;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Messages were stored: recomputes now, or marks the room when it was recomputed within the interval. */
    public void stored(String roomId) {
        if (due(roomId, nanoTime.getAsLong())) {
            recompute(roomId);
        } else {
            marked.add(roomId);
        }
    }

    /**
     * The room's document was captured again, which writes it whole and so without its signals: recomputes now, within
     * the interval too, so a room's page and its place among the rooms do not lose the score until the next round.
     * A crawl writes its room once a run, not once a batch.
     */
    public void roomWritten(String roomId) {
        marked.remove(roomId);
        recompute(roomId);
    }

    /** Recomputes the marked rooms whose interval has passed; a failure is logged and the room stays marked. */
    public void recomputeDue() {
        long now = nanoTime.getAsLong();
        for (String roomId : marked) {
            if (due(roomId, now) && marked.remove(roomId)) {
                recomputeLogged(roomId);
            }
        }
    }

    /** Recomputes every marked room now (at shutdown, so the last messages' signals are not left behind). */
    public void recomputeMarked() {
        for (String roomId : marked) {
            if (marked.remove(roomId)) {
                recomputeLogged(roomId);
            }
        }
    }

    /** Whether a room waits for its next recomputation. */
    boolean isMarked(String roomId) {
        return marked.contains(roomId);
    }

    private boolean due(String roomId, long now) {
        Long last = lastComputed.get(roomId);
        return last == null || now - last >= intervalNanos;
    }

    private void recompute(String roomId) {
        // Taken before the work, so a failing node is not asked again for this room before the interval has passed.
        lastComputed.put(roomId, nanoTime.getAsLong());
        try {
            recompute.accept(roomId);
        } catch (RuntimeException e) {
            marked.add(roomId);
            throw e;
        }
    }

    private void recomputeLogged(String roomId) {
        try {
            recompute(roomId);
        } catch (RuntimeException e) {
            log.warn("Room signals of {} not recomputed: {}", roomId, e.toString());
        }
    }
}
