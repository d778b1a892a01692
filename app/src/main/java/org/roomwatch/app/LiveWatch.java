package org.roomwatch.app;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.WatchMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchlist matching at ingest: the compiled rules, recompiled within seconds of a change to any list or hash set,
 * applied to each acknowledged batch; matches become alerts.
 */
final class LiveWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveWatch.class);

    private final Watchlists watchlists;
    private final HashSets hashSets;
    private final AlertStore alerts;
    private final AtomicReference<WatchMatcher> matcher = new AtomicReference<>();
    private final ScheduledExecutorService refresher;
    private volatile String version = "";

    LiveWatch(Watchlists watchlists, HashSets hashSets, AlertStore alerts, long checkSeconds) {
        this.watchlists = watchlists;
        this.hashSets = hashSets;
        this.alerts = alerts;
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchlist-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Could not refresh watchlists: {}", e.getMessage());
            }
        }, checkSeconds, checkSeconds, TimeUnit.SECONDS);
    }

    void refresh() {
        String now = watchlists.version() + "|" + hashSets.list().stream().map(s -> s.name() + "@" + s.importedAt()).toList();
        if (!now.equals(version)) {
            WatchMatcher compiled = new WatchMatcher(watchlists.all(), hashSets);
            matcher.set(compiled);
            version = now;
            log.info("Watchlists compiled: {} rules", compiled.rules());
        }
    }

    /** Matches an acknowledged batch and raises its alerts. */
    void onIndexed(List<BulkMessageWriter.Prepared> batch) {
        WatchMatcher current = matcher.get();
        if (current.rules() == 0) {
            return;
        }
        for (BulkMessageWriter.Prepared p : batch) {
            List<WatchMatcher.Hit> hits = current.match(p.document());
            if (!hits.isEmpty()) {
                for (AlertStore.NewAlert alert : alerts.raise(p.document(), p.message().id(), hits)) {
                    log.info("Alert {} ({} rule(s) of {})", alert.id(), hits.size(), alert.document().get("watchlist_name"));
                }
            }
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
