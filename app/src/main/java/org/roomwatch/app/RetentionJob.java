package org.roomwatch.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.config.DurationText;
import org.roomwatch.core.config.RetentionConfig;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.ops.Periodic;
import org.roomwatch.core.search.ImageMatch;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.indexer.RetentionSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled retention sweep: what every case holds is worked out afresh (the images its photos match now, its
 * watchlist), then each index with a retention drops what has expired, and the audit log records, per index, how
 * much went, the cutoff and the retention that set it, and how much a case kept.
 */
final class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionConfig retention;
    private final RetentionSweep sweep;
    private final Cases cases;
    private final HashSetMatcher matcher;
    private final AuditLog audit;
    private final Clock clock;

    RetentionJob(RetentionConfig retention, RetentionSweep sweep, Cases cases, HashSetMatcher matcher, AuditLog audit, Clock clock) {
        this.retention = retention;
        this.sweep = sweep;
        this.cases = cases;
        this.matcher = matcher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sweeps every {@code retention.sweepEvery}, the first time after one period (nothing expires at start-up). */
    RetentionJob start(Periodic periodic) {
        periodic.every("sweeping expired records (retention)", retention.sweepEvery(), retention.sweepEvery(),
                () -> runOnce(clock.instant()));
        return this;
    }

    /** One sweep as of {@code now}. */
    List<RetentionSweep.Result> runOnce(Instant now) {
        Set<String> images = new LinkedHashSet<>();
        Set<String> watchlists = new LinkedHashSet<>();
        List<String> numbers = new ArrayList<>();
        for (CaseFile c : cases.list()) {
            numbers.add(c.caseNumber());
            if (c.watchlistId() != null) {
                watchlists.add(c.watchlistId());
            }
            for (HashSetMatcher.EntryMatch m : matcher.match(c.hashSet(), Cases.MATCH_DISTANCE)) {
                for (ImageMatch i : m.images()) {
                    images.add(i.image().sha256());
                }
                // A case's videos are held as its photos are: their documents and the messages carrying them.
                m.videos().forEach(v -> images.add(v.video().sha256()));
            }
        }
        List<RetentionSweep.Result> results = sweep.sweep(now, retention, new RetentionSweep.Held(images, watchlists));
        for (RetentionSweep.Result r : results) {
            String detail = "deleted " + r.deleted() + " record(s) of " + r.index() + " older than " + r.cutoff()
                    + " (retention " + DurationText.format(r.retention()) + "); kept " + r.keptForCases()
                    + " expired record(s) held by case(s) " + named(numbers);
            log.info("Retention: {}", detail);
            audit.append(new AuditLog.Act("roomwatch", "system", "-", "RETENTION " + r.index(), "", detail,
                    (int) Math.min(Integer.MAX_VALUE, r.deleted()), 200));
        }
        return results;
    }

    /** Case numbers for the audit entry, whose detail has room for a few dozen. */
    private static String named(List<String> numbers) {
        if (numbers.isEmpty()) {
            return "-";
        }
        int shown = Math.min(30, numbers.size());
        return String.join(", ", numbers.subList(0, shown)) + (numbers.size() > shown ? " and " + (numbers.size() - shown) + " more" : "");
    }
}
