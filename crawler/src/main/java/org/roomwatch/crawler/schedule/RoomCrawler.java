package org.roomwatch.crawler.schedule;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.Message;
import org.roomwatch.core.RoomRegistry;
import org.roomwatch.core.RoomSnapshot;
import org.roomwatch.core.RoomSource;
import org.roomwatch.core.SourceException;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.core.ops.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl of one room: fetch what is new since the stored position, store the room and its messages, and only
 * then save the new position. A failure anywhere leaves the position where it was, so the next crawl repeats the
 * work (deterministic ids make the repeat harmless) and nothing is lost. What the index refused is also kept in
 * memory, within a bound, and stored first when it is back: a room may have deleted those posts by then.
 */
public final class RoomCrawler {
    private static final Logger log = LoggerFactory.getLogger(RoomCrawler.class);

    private final RoomRegistry registry;
    private final Map<SourceKind, RoomSource> sources;
    private final IngestPipeline ingest;
    private final Clock clock;
    private volatile java.util.function.Supplier<Optional<String>> localDisk = Optional::empty;
    private volatile UnstoredBatches unstored = new UnstoredBatches(5000);
    private volatile StorePause pause = new StorePause(java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1), System::nanoTime);

    /** Crawls the rooms of {@code registry} from {@code sources}, handing each fetched batch to {@code ingest}. */
    public RoomCrawler(RoomRegistry registry, Map<SourceKind, RoomSource> sources, IngestPipeline ingest, Clock clock) {
        this.registry = registry;
        this.sources = Map.copyOf(sources);
        this.ingest = ingest;
        this.clock = clock;
    }

    /** Keeps at most {@code maxMessages} messages the index refused, to store them first when it is back. */
    public RoomCrawler withUnstoredBuffer(int maxMessages) {
        this.unstored = new UnstoredBatches(maxMessages);
        return this;
    }

    /** Messages held in memory because the index refused them. */
    public int unstoredMessages() {
        return unstored.messages();
    }

    /** Why the local data directory counts as full, if it does: a failed store then says the disk is full. */
    public RoomCrawler withDiskCheck(java.util.function.Supplier<Optional<String>> problem) {
        this.localDisk = problem;
        return this;
    }

    /** Pauses after a failed store measured on {@code nanoTime} instead of the JVM's monotonic clock (tests). */
    public RoomCrawler withMonotonicClock(java.util.function.LongSupplier nanoTime) {
        this.pause = new StorePause(java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1), nanoTime);
        return this;
    }

    /** The outcome of one crawl, as recorded on the room. */
    public record Outcome(boolean ok, int stored, String summary) {}

    public Outcome crawl(String name) {
        Optional<WatchedRoom> watched = registry.find(name);
        if (watched.isEmpty()) {
            return new Outcome(false, 0, "not watched");
        }
        RoomSource source = sources.get(watched.get().source());
        if (source == null) {
            return record(name, new Outcome(false, 0, "no source configured for " + watched.get().source() + " rooms"));
        }
        CrawlPosition position = registry.position(name);
        String kind = watched.get().source().key();
        Optional<String> diskFull = localDisk.get();
        if (diskFull.isPresent()) {
            // The cursor could not be saved: fetching now would fetch pages that cannot be kept. (The disk watch
            // logs the full disk once; every crawl of every room meets it.)
            Meters.crawl(kind, "disk_full", 0);
            return record(name, new Outcome(false, 0, "disk full: " + diskFull.get()));
        }
        if (pause.isPaused()) {
            // The index refused the last store: fetching now would only fetch pages that cannot be kept. Nothing is
            // lost by waiting; the cursor stays where the index last acknowledged.
            Meters.crawl(kind, "paused", 0);
            return new Outcome(false, 0, "paused: the index was unavailable; retrying in " + pause.remaining().toSeconds() + " s");
        }
        UnstoredBatches.Batch pending = null; // fetched, not yet acknowledged: kept in memory if the store fails
        try {
            int keptStored = 0;
            Optional<UnstoredBatches.Batch> kept = unstored.take(name);
            if (kept.isPresent()) {
                pending = kept.get();
                store(pending);
                // Another crawler may have moved the cursor meanwhile; then the kept messages were only evidence.
                if (registry.position(name).equals(pending.from())) {
                    registry.savePosition(name, pending.next());
                }
                keptStored = pending.messages().size();
                log.info("Stored {} messages of {} kept in memory since the index refused them", keptStored, name);
                pending = null;
                position = registry.position(name);
            }
            RoomSnapshot snapshot = source.fetch(name, position);
            List<Message> messages = ingest.enrich(snapshot.messages());
            CrawlPosition next = position.after(snapshot);
            pending = new UnstoredBatches.Batch(snapshot.room(), messages, position, next);
            store(pending);
            pause.clear();
            registry.savePosition(name, next);
            pending = null;
            String summary = (keptStored > 0 ? keptStored + " kept from a refused store, " : "")
                    + snapshot.messages().size() + " new, cursor " + next.cursor()
                    + (snapshot.room() != null && !snapshot.room().hasPreview() ? ", no web preview" : "")
                    + (snapshot.complete() ? "" : ", backfill continues below " + next.resumeBefore())
                    + (snapshot.skipped().isEmpty() ? "" : ", " + snapshot.skipped().size() + " skipped");
            log.info("Crawled {}: {}", name, summary);
            Meters.crawl(kind, "ok", snapshot.messages().size());
            return record(name, new Outcome(true, snapshot.messages().size(), summary));
        } catch (SourceException e) {
            log.warn("Crawl of {} failed: {}", name, e.getMessage());
            Meters.crawl(kind, "fetch_failed", 0);
            return record(name, new Outcome(false, 0, "fetch failed: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Meters.crawl(kind, "interrupted", 0);
            return record(name, new Outcome(false, 0, "interrupted (shutting down); the position was kept"));
        } catch (RuntimeException e) {
            pause.failed();
            String keeping = keep(name, pending);
            Optional<String> full = DiskFull.explain(e, localDisk.get());
            if (full.isPresent()) {
                log.error("Crawl of {} could not be stored: {} ({}){}", name, full.get(), e.toString(), keeping);
                Meters.crawl(kind, "disk_full", 0);
                return record(name, new Outcome(false, 0, "store failed: disk full: " + full.get() + keeping));
            }
            log.warn("Crawl of {} failed: {}{}", name, e.toString(), keeping);
            Meters.crawl(kind, "store_failed", 0);
            return record(name, new Outcome(false, 0, "store failed: " + e.getMessage() + keeping));
        }
    }

    private void store(UnstoredBatches.Batch batch) {
        ingest.store(batch.room(), batch.messages());
    }

    /** Keeps a refused batch in memory if the bound allows; says which, for the outcome. */
    private String keep(String name, UnstoredBatches.Batch batch) {
        if (batch == null || batch.messages().isEmpty()) {
            return "";
        }
        if (unstored.keep(name, batch)) {
            return "; its " + batch.messages().size() + " messages are kept in memory to be stored first";
        }
        return "; its " + batch.messages().size() + " messages do not fit in memory (crawler.unstoredMessagesMax) and"
                + " will be fetched again from the source";
    }

    private Outcome record(String name, Outcome outcome) {
        try {
            registry.recordCrawl(name, clock.instant(), outcome.summary());
        } catch (RuntimeException e) {
            log.warn("Could not record the crawl outcome of {}: {}", name, e.toString());
        }
        return outcome;
    }
}
