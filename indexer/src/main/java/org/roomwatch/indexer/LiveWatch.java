package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.roomwatch.core.hashes.HashSets;
import org.roomwatch.core.watch.AlertNotice;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.WatchMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchlist matching at ingest: the compiled rules, recompiled when any list or hash set changed (checked before each
 * acknowledged batch, and every few seconds for discovered rooms), applied to each acknowledged batch; matches become
 * alerts.
 */
public final class LiveWatch {
    private static final Logger log = LoggerFactory.getLogger(LiveWatch.class);

    private final Watchlists watchlists;
    private final HashSets hashSets;
    private final AlertStore alerts;
    private final AtomicReference<WatchMatcher> matcher = new AtomicReference<>();
    private volatile String version = "";
    private final Consumer<AlertNotice> onAlert;

    /**
     * Compiles the rules now (the composition root calls {@link #refresh} every few seconds); each new alert is handed
     * to {@code onAlert} (where its mail is planned).
     */
    public LiveWatch(Watchlists watchlists, HashSets hashSets, AlertStore alerts, Consumer<AlertNotice> onAlert) {
        this.watchlists = watchlists;
        this.hashSets = hashSets;
        this.alerts = alerts;
        this.onAlert = onAlert;
        refresh();
    }

    /** Recompiles the rules if any list or hash set changed since the last compilation. */
    public synchronized void refresh() {
        String now = watchlists.version() + "|" + hashSets.version();
        if (!now.equals(version)) {
            WatchMatcher compiled = new WatchMatcher(watchlists.all(), hashSets);
            matcher.set(compiled);
            version = now;
            log.info("Watchlists compiled: {} rules", compiled.rules());
        }
    }

    /** Matches a newly discovered room's page against discovered-room rules; an alert per list and room. */
    public void onDiscovered(org.roomwatch.core.DiscoveredRoom room, java.util.function.Supplier<org.roomwatch.tagging.Tagging> tagging) {
        WatchMatcher current = matcher.get();
        List<String> schools = tagging.get().tagger().tag(room.title() == null ? "" : room.title()).tags().stream()
                .filter(t -> t.kind().equals("school")).map(org.roomwatch.tagging.Tag::value).toList();
        List<WatchMatcher.Hit> hits = current.matchDiscovered(room.title(), schools);
        if (hits.isEmpty()) {
            return;
        }
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("room_id", room.id());
        doc.put("permalink", room.recent().isEmpty() ? null : room.recent().get(0).url());
        doc.put("posted_at", room.lastSeen() == null ? null : room.lastSeen().toString());
        for (AlertStore.NewAlert alert : alerts.raise(doc, "discovered:" + room.id(), hits)) {
            log.info("Alert {} on a discovered room", alert.id());
            notify(alert, hits, new HashMap<>());
        }
    }

    /**
     * Matches an acknowledged batch and raises its alerts. The rules are brought up to date first (one small query
     * when nothing changed): a watchlist created a moment ago, a case's above all, must see the very next batch.
     */
    public void onIndexed(List<BulkMessageWriter.Prepared> batch) {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh watchlists before matching; matching with the rules as they were: {}", e.getMessage());
        }
        WatchMatcher current = matcher.get();
        if (current.rules() == 0) {
            return;
        }
        List<AlertStore.Matched> matched = new ArrayList<>();
        Map<String, List<WatchMatcher.Hit>> hitsByMessage = new HashMap<>();
        for (BulkMessageWriter.Prepared p : batch) {
            List<WatchMatcher.Hit> hits = current.match(p.document(), p.message());
            if (!hits.isEmpty()) {
                matched.add(new AlertStore.Matched(p.document(), p.message().id(), hits));
                hitsByMessage.put(p.message().id(), hits);
            }
        }
        if (matched.isEmpty()) {
            return;
        }
        // A room's title, for the mail, is read once per batch, not once per alert: a crawled batch is all one room's.
        Map<String, String> titles = new HashMap<>();
        for (AlertStore.NewAlert alert : alerts.raiseAll(matched)) {
            List<WatchMatcher.Hit> hits = hitsByMessage.get((String) alert.document().get("message_id"));
            log.info("Alert {} ({} rule(s) of {})", alert.id(), hits.size(), alert.document().get("watchlist_name"));
            notify(alert, hits, titles);
        }
    }

    @SuppressWarnings("unchecked")
    private void notify(AlertStore.NewAlert alert, List<WatchMatcher.Hit> hits, Map<String, String> titles) {
        WatchMatcher.Hit first = hits.stream().filter(h -> h.list().id().equals(alert.document().get("watchlist_id"))).findFirst().orElseThrow();
        List<java.util.Map<String, Object>> rules = (List<java.util.Map<String, Object>>) alert.document().get("rules");
        List<String> kinds = new java.util.ArrayList<>(rules.stream().map(r -> (String) r.get("kind")).distinct().toList());
        if (rules.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("in_picture")))) {
            kinds.add(AlertNotice.IN_PICTURE); // the mail says a rule matched in a picture, never what it read there
        }
        String roomId = (String) alert.document().get("room_id");
        if (!titles.containsKey(roomId)) {
            titles.put(roomId, alerts.roomTitle(roomId)); // null too: a room without a title is asked once
        }
        try {
            onAlert.accept(new AlertNotice(alert.id(), first.list().id(), first.list().name(), first.list().highPriority(),
                    first.list().members(), roomId, titles.get(roomId), kinds));
        } catch (RuntimeException e) {
            // The alert is stored; mail planning failing must not fail the crawl.
            log.warn("Could not plan mail for alert {}: {}", alert.id(), e.toString());
        }
    }
}
