package org.roomwatch.core.watch;

import java.time.Instant;
import java.util.Optional;

/** Retroactive runs: one watchlist matched against everything already indexed, in the background. */
public interface RetroRuns {
    /** Progress of one run; {@code state} is queued, running, done or failed. */
    record Progress(String watchlistId, String state, long total, long scanned, long alerts, String by, Instant startedAt,
                    Instant finishedAt, String error) {}

    /** Starts a run of the list; false when one is already queued or running for it. */
    boolean start(Watchlist list, String by);

    /** The latest run's progress for a list, if it had one since start-up. */
    Optional<Progress> progress(String watchlistId);
}
