package org.roomwatch.app;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.roomwatch.api.ApiServer;
import org.roomwatch.api.OpsRoutes;
import org.roomwatch.api.OpsServer;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.account.TdJson;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.DurationText;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.config.RoomConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.crawler.schedule.CrawlScheduler;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.crawler.schedule.RoomWatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds a process's parts by role from the configuration — the shared infrastructure, the
 * ingest side, alert mail, the API — and closes them in reverse (API first, then the scheduler finishing its crawls
 * in flight, then the writer, database, node).
 */
public final class Roomwatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Roomwatch.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final RoomwatchConfig config;
    private final Map<String, Supplier<?>> extraRoutes = new LinkedHashMap<>();
    private final OpsRoutes ops = new OpsRoutes();
    private Set<ProcessRole> roles = ProcessRole.all();
    private Function<AccountsConfig, TdJson> tdlib = AccountsCommand.tdlib;
    /** Crawling only (a backfill at the terminal): no scheduler, no API, no mail planning or sending, no discovered pages. */
    private boolean crawlOnly;

    private Infrastructure infra;
    private IngestWiring ingest;
    private MailOutbox outbox;
    private CrawlScheduler scheduler;
    private RoomWatchService watcher;
    private ApiWiring apiSide;
    /** Where health, readiness and metrics answer in a process that serves no API; -1 otherwise. */
    private int opsPort = -1;

    private Roomwatch(RoomwatchConfig config) {
        this.config = config;
    }

    /** Starts Elasticsearch (configured or managed), the database, the scheduler with the configured rooms, and the API. */
    public static Roomwatch start(RoomwatchConfig config) {
        return start(config, Map.of());
    }

    /** As {@link #start(RoomwatchConfig)}, doing only what {@code roles} name (one process of a split deployment). */
    static Roomwatch start(RoomwatchConfig config, Set<ProcessRole> roles) {
        Roomwatch app = new Roomwatch(config);
        app.roles = EnumSet.copyOf(roles);
        return app.launch();
    }

    /** As {@link #start(RoomwatchConfig)}, with extra read-only routes (the demo's mailbox). */
    static Roomwatch start(RoomwatchConfig config, Map<String, Supplier<?>> routes) {
        return start(config, routes, AccountsCommand.tdlib);
    }

    /** As {@link #start(RoomwatchConfig, Map)}, with the TDLib the accounts use (the demo's is simulated). */
    static Roomwatch start(RoomwatchConfig config, Map<String, Supplier<?>> routes, Function<AccountsConfig, TdJson> tdlib) {
        Roomwatch app = new Roomwatch(config);
        app.tdlib = tdlib;
        app.extraRoutes.putAll(routes);
        return app.launch();
    }

    /** The index, database, enrichment, watch matching and sources, for crawling one room by hand. */
    static Roomwatch startCrawlOnly(RoomwatchConfig config) {
        Roomwatch app = new Roomwatch(config);
        app.crawlOnly = true;
        return app.launch();
    }

    /** Starts every part; on a failure closes what had started before rethrowing. */
    private Roomwatch launch() {
        try {
            startAll();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        infra = Infrastructure.start(config, ops, closeables);
        outbox = new MailOutbox(infra.db().dataSource());
        MailConfig mail = config.mail();
        ingest = new IngestWiring(config, infra, MailWiring.planner(mail, outbox, !crawlOnly), tdlib, closeables);
        // OCR's state in readiness, as facts only: a crawler whose OCR is behind still crawls.
        ops.detail("ocr", () -> ingest.ocr == null ? java.util.Map.of("state", "off", "why", ingest.ocrOff) : ingest.ocr.state());
        if (crawlOnly) {
            return;
        }
        if (mail.enabled() && roles.contains(ProcessRole.ALERTS)) {
            MailWiring.startSending(mail, outbox, infra.periodic());
        }
        boolean crawling = roles.contains(ProcessRole.CRAWLER);
        if (crawling) {
            ingest.startReadingDiscoveredPages(infra.periodic());
            ingest.startOcrSweep(infra.periodic());
        }
        if (crawling || roles.contains(ProcessRole.API)) {
            // An API process schedules rooms into the shared job store without running crawls: its scheduler stays
            // in standby and the crawler processes pick the jobs up.
            scheduler = new CrawlScheduler(infra.db().dataSource(), config.database().isPostgres(), config.crawler().threads(),
                    ingest.crawler);
            closeables.push(scheduler);
            watcher = new RoomWatchService(ingest.registry, scheduler);
            for (RoomConfig room : config.rooms()) {
                watcher.watch(toWatched(room));
            }
            if (crawling) {
                scheduler.start();
                ops.check("scheduler", scheduler::isRunning);
            }
        }
        if (roles.contains(ProcessRole.API)) {
            apiSide = new ApiWiring(config, infra, ingest, watcher, outbox, ops, extraRoutes, closeables);
        } else {
            OpsServer opsServer = new OpsServer(ops).start(config.api().host(), config.api().port());
            closeables.push(opsServer);
            log.info("roomwatch is up as {}: health, readiness and metrics on http://{}:{}", roles, config.api().host(), opsServer.port());
            opsPort = opsServer.port();
        }
    }

    /** The users (the demo creates its own); null in a process without the API role. */
    public JdbcUsers users() {
        return apiSide == null ? null : apiSide.users;
    }

    RoomCrawler crawler() {
        return ingest.crawler;
    }

    /** The retention sweep (in a process with the API role; null elsewhere). */
    RetentionJob retention() {
        return apiSide == null ? null : apiSide.retention;
    }

    /** The alert mail outbox (the demo's mailbox page reads what was sent). */
    MailOutbox outbox() {
        return outbox;
    }

    /** Recompiles the tagging now instead of at the next check. */
    void refreshTagging() {
        ingest.tagging.refresh();
    }

    WatchedRoom toWatched(RoomConfig room) {
        return new WatchedRoom(room.name(), SourceKind.parse(room.source()),
                room.interval() == null ? config.crawler().defaultInterval() : room.interval());
    }

    boolean elasticsearchHealthy() {
        return infra.elasticsearchHealthy();
    }

    public RoomWatchService watcher() {
        return watcher;
    }

    public JdbcRoomRegistry registry() {
        return ingest.registry;
    }

    /** Stops the crawl scheduler alone, as a failure would (readiness must say so). */
    void closeSchedulerForTest() {
        scheduler.close();
    }

    ApiServer api() {
        return apiSide == null ? null : apiSide.api;
    }

    /** Where this process answers HTTP: the API, or only health, readiness and metrics when it serves no API. */
    public int apiPort() {
        return apiSide != null ? apiSide.api.port() : opsPort;
    }

    public URI elasticsearchUrl() {
        return infra.elasticsearchUrl();
    }

    public static String describe(WatchedRoom room) {
        return room.name() + " (" + room.source().key() + ", every " + DurationText.format(room.interval()) + ")";
    }

    @Override
    public void close() {
        if (ingest != null && ingest.ocr != null) {
            // Closing waits twice, each bounded: for the crawls in flight (the scheduler, up to 30 s) and for a picture
            // being read (the OCR pool, up to 30 s). The pool refuses pictures from here on, so the reading in flight
            // ends during the first wait rather than after it, and a stop is not the sum of both.
            ingest.ocr.stopTaking();
        }
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                log.warn("Error while shutting down: {}", e.toString());
            }
        }
    }
}
