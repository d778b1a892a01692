package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.watch.RetroRuns;
import org.roomwatch.core.watch.Watchlist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one watchlist over everything already indexed, in the background, with progress: a point-in-time scan of the
 * messages index in pages, each message matched and alerted exactly as at ingest (so nothing alerts twice). One
 * run per list at a time; progress is kept in memory (a restart forgets it; running again is harmless).
 */
public final class RetroScans implements RetroRuns, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetroScans.class);
    private static final int PAGE = 500;

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final AlertStore alerts;
    private final HashSets hashSets;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "retro-scan");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Progress> runs = new ConcurrentHashMap<>();

    public RetroScans(ElasticsearchClient client, IndexNames names, AlertStore alerts, HashSets hashSets, Clock clock) {
        this.client = client;
        this.names = names;
        this.alerts = alerts;
        this.hashSets = hashSets;
        this.clock = clock;
    }

    @Override
    public boolean start(Watchlist list, String by) {
        Progress current = runs.get(list.id());
        if (current != null && (current.state().equals("running") || current.state().equals("queued"))) {
            return false;
        }
        runs.put(list.id(), new Progress(list.id(), "queued", 0, 0, 0, by, clock.instant(), null, null));
        runner.submit(() -> run(list, by));
        return true;
    }

    @Override
    public Optional<Progress> progress(String watchlistId) {
        return Optional.ofNullable(runs.get(watchlistId));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void run(Watchlist list, String by) {
        Instant started = clock.instant();
        AtomicLong scanned = new AtomicLong();
        AtomicLong raised = new AtomicLong();
        try {
            WatchMatcher matcher = new WatchMatcher(List.of(list), hashSets);
            long total = client.count(c -> c.index(names.messages())).count();
            PitScan.scan(client, names.messages(), PAGE, s -> s, hits -> {
                // A page's alerts in one bulk request, as at ingest: a common word matches most of a page.
                List<AlertStore.Matched> matched = new java.util.ArrayList<>();
                for (Hit<Map> hit : hits) {
                    Map<String, Object> doc = hit.source();
                    List<WatchMatcher.Hit> found = matcher.match(doc);
                    if (!found.isEmpty()) {
                        matched.add(new AlertStore.Matched(doc, hit.id(), found));
                    }
                }
                raised.addAndGet(alerts.raiseAll(matched).size());
                scanned.addAndGet(hits.size());
                runs.put(list.id(), new Progress(list.id(), "running", total, scanned.get(), raised.get(), by, started, null, null));
            });
            runs.put(list.id(), new Progress(list.id(), "done", scanned.get(), scanned.get(), raised.get(), by, started, clock.instant(), null));
            log.info("Retroactive run of {}: {} messages, {} new alerts", list.id(), scanned.get(), raised.get());
        } catch (Exception e) {
            log.warn("Retroactive run of {} failed: {}", list.id(), e.toString());
            runs.put(list.id(), new Progress(list.id(), "failed", 0, scanned.get(), raised.get(), by, started, clock.instant(), e.getMessage()));
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
