package org.roomwatch.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcWatchedPeople;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.core.RoomSource;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.account.TdJson;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.MediaConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.ingest.BatchStep;
import org.roomwatch.core.ops.DiskSpace;
import org.roomwatch.core.ops.Periodic;
import org.roomwatch.core.watch.AlertNotice;
import org.roomwatch.crawler.account.AccountKey;
import org.roomwatch.crawler.account.AccountService;
import org.roomwatch.crawler.discovery.DiscoveredPageFetcher;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.roomwatch.crawler.http.Sleeper;
import org.roomwatch.crawler.http.WebPhotos;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.crawler.telegram.PublicRoomSource;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.Ingest;
import org.roomwatch.indexer.LinkDiscovery;
import org.roomwatch.indexer.LiveWatch;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.OcrSweep;
import org.roomwatch.indexer.RoomSignals;
import org.roomwatch.indexer.SignalsPacer;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.ocr.Ocr;
import org.roomwatch.media.ocr.OcrPool;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.VideoLimits;
import org.roomwatch.tagging.Lexicon;

/**
 * The ingest side of a process, built whole: tagging, the bulk writer, watch matching (its alerts handed to the mail
 * planner), the one pipeline every source feeds (public pages, accounts' crawls and live updates), the room crawler,
 * and the discovered-room page reader. Nothing is wired after construction.
 */
final class IngestWiring {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IngestWiring.class);
    /** How far a busy room's signals may lag its messages: a ranking hint on the rooms list, not evidence. */
    private static final Duration SIGNALS_INTERVAL = Duration.ofSeconds(5);

    final LiveTagging tagging;
    final JdbcHashSets hashSets;
    final JdbcWatchlists watchlists;
    final AlertStore alerts;
    final LiveWatch watch;
    final ImageHasher hasher;
    final VideoHasher videoHasher;
    final JdbcDiscoveredRooms discovered;
    final JdbcRoomRegistry registry;
    final AccountService accounts;
    final RoomCrawler crawler;
    final DiscoveredPageFetcher discoveredPages;
    /** The OCR workers; null where OCR is off or not installed. */
    final OcrPool ocr;
    /** Why text in pictures is not read here; null when it is. */
    final String ocrOff;
    private final OcrSweep ocrSweep;

    IngestWiring(RoomwatchConfig config, Infrastructure infra, Consumer<AlertNotice> planMail,
                 Function<AccountsConfig, TdJson> tdlib, Deque<AutoCloseable> closeables) {
        var db = infra.db().dataSource();
        tagging = new LiveTagging(new JdbcSchoolRegistry(db), new JdbcWatchedPeople(db), new Lexicon(config.signals().lexicon()));
        infra.periodic().every("recompiling the school registry and watched people", Duration.ofSeconds(5), Duration.ofSeconds(5),
                tagging::refresh);
        BulkMessageWriter writer = new BulkMessageWriter(infra.client(), infra.names(), new MessageEnricher(tagging), config.elasticsearch());
        closeables.push(writer);
        hashSets = new JdbcHashSets(db);
        watchlists = new JdbcWatchlists(db);
        alerts = new AlertStore(infra.client(), infra.names(), Clock.systemUTC());
        // Watchlists are matched on every acknowledged batch, from the first crawl on (and refreshed before each one).
        watch = new LiveWatch(watchlists, hashSets, alerts, planMail);
        infra.periodic().every("recompiling watchlists", Duration.ofSeconds(2), Duration.ofSeconds(2), watch::refresh);

        var crawl = config.crawler();
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), Sleeper.REAL);
        PublicRoomSource publicSource = new PublicRoomSource(fetcher, crawl.telegramBaseUrl(), crawl.maxPagesPerCrawl(), Clock.systemUTC());
        MediaConfig media = config.media();
        // One hasher for crawled photos and uploads alike: it holds no state between images.
        hasher = new ImageHasher(new DecodeLimits(media.maxImageBytes(), media.maxImagePixels()));
        // Videos are decoded one thread each: the crawl's own threads are the parallelism.
        videoHasher = new VideoHasher(VideoLimits.from(media), 1);
        Ocr ocrCheck = Ocr.check(config.ocr());
        ocrOff = ocrCheck.problem();
        ocr = startOcr(ocrCheck, config, closeables);
        PhotoHashing<RuntimeException> webPhotos = new PhotoHashing<>(new WebPhotos(fetcher), hasher, videoHasher);
        if (ocr != null) {
            // Not waited for: a picture is stored 'pending' and its text applied when read (Ingest, LateTexts).
            webPhotos = webPhotos.withText(ocr, Duration.ZERO);
        }
        BatchStep photos = media.hashImages() ? webPhotos::hash : BatchStep.NONE;
        ocrSweep = ocr == null ? null : new OcrSweep(infra.client(), infra.names(), tagging, new WebPhotos(fetcher), ocr,
                config.ocr().timeBudget().plusSeconds(30), media.maxImageBytes(), watch,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getName(), Clock.systemUTC());
        discovered = new JdbcDiscoveredRooms(db);
        SignalsPacer signals = new SignalsPacer(new RoomSignals(infra.client(), infra.names(), tagging), SIGNALS_INTERVAL);
        infra.periodic().every("recomputing the signals of rooms stored into", Duration.ofSeconds(1), Duration.ofSeconds(1),
                signals::recomputeDue);
        closeables.push(signals::recomputeMarked);
        Ingest ingest = new Ingest(photos.then(new LinkDiscovery(discovered)), writer, watch, signals, ocr);

        Map<SourceKind, RoomSource> sources = new EnumMap<>(SourceKind.class);
        sources.put(SourceKind.PUBLIC, publicSource);
        accounts = config.accounts().enabled() ? startAccounts(config.accounts(), tdlib, infra, ingest, closeables) : null;
        if (accounts != null) {
            sources.put(SourceKind.ACCOUNT, accounts.source());
            if (ocr != null) {
                accounts.source().readTextWith(ocr, Duration.ZERO);
            }
        }
        registry = new JdbcRoomRegistry(db);
        crawler = new RoomCrawler(registry, sources, ingest, Clock.systemUTC())
                .withDiskCheck(() -> infra.disk().flatMap(DiskSpace::problem))
                .withUnstoredBuffer(crawl.unstoredMessagesMax());
        discoveredPages = new DiscoveredPageFetcher(discovered, publicSource, Clock.systemUTC(), room -> watch.onDiscovered(room, tagging));
    }

    /**
     * The OCR workers, or null where OCR is off or not installed, which is said once here: the crawl goes on, and the
     * text of the pictures it hashes meanwhile is never read (they are gone once hashed).
     */
    private static OcrPool startOcr(Ocr check, RoomwatchConfig config, Deque<AutoCloseable> closeables) {
        if (!check.available()) {
            log.warn("Text in pictures is not read: {}", check.problem());
            return null;
        }
        MediaConfig media = config.media();
        OcrPool pool = new OcrPool(check, new DecodeLimits(media.maxImageBytes(), media.maxImagePixels()));
        closeables.push(pool);
        log.info("Reading text in pictures ({}) with {} OCR worker(s)", config.ocr().languages(), config.ocr().threads());
        return pool;
    }

    /** The authorized accounts, logged in from their encrypted databases; nobody is asked for a code here. */
    private AccountService startAccounts(AccountsConfig accounts, Function<AccountsConfig, TdJson> tdlib, Infrastructure infra,
                                         Ingest ingest, Deque<AutoCloseable> closeables) {
        byte[] key = AccountKey.load(System.getenv(), accounts.keyFile());
        try {
            AccountService service = AccountService.start(accounts, tdlib.apply(accounts), key,
                    new JdbcCrawlAccounts(infra.db().dataSource()), ingest, hasher, videoHasher, Clock.systemUTC());
            closeables.push(service);
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging the accounts in", e);
        }
    }

    /**
     * Reads again, in the background, the pictures stored unread (a full queue, or a process that stopped with them
     * pending): any crawler process may, each message claimed by one (a crawler process's work).
     */
    void startOcrSweep(Periodic periodic) {
        if (ocrSweep != null) {
            periodic.every("reading again pictures stored unread", Duration.ofSeconds(30), Duration.ofSeconds(30), () -> {
                try {
                    ocrSweep.sweepOnce(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** Reads discovered rooms' public pages in the background (a crawler process's work). */
    void startReadingDiscoveredPages(Periodic periodic) {
        periodic.every("fetching discovered rooms' pages", Duration.ofSeconds(5), Duration.ofSeconds(15), () -> discoveredPages.fetchSome(20));
    }
}
