package org.roomwatch.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.roomwatch.api.ApiSecurity;
import org.roomwatch.api.ApiServer;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.controlplane.JdbcWatchedPeople;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.RoomSource;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.DurationText;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.config.MediaConfig;
import org.roomwatch.core.config.RoomConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.security.Role;
import org.roomwatch.crawler.account.AccountKey;
import org.roomwatch.crawler.account.AccountService;
import org.roomwatch.crawler.discovery.DiscoveredPageFetcher;
import org.roomwatch.crawler.discovery.LinkDiscovery;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.roomwatch.crawler.http.Sleeper;
import org.roomwatch.crawler.media.PhotoHashing;
import org.roomwatch.crawler.schedule.CrawlScheduler;
import org.roomwatch.crawler.schedule.MessageStep;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.crawler.schedule.RoomWatchService;
import org.roomwatch.crawler.telegram.PublicRoomSource;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.roomwatch.esnode.ManagedElasticsearchNode;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.RetroScans;
import org.roomwatch.indexer.RoomSignals;
import org.roomwatch.mail.AlertMailer;
import org.roomwatch.mail.Digests;
import org.roomwatch.mail.MailDispatcher;
import org.roomwatch.mail.SmtpSender;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.tagging.Lexicon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part from the configuration, in dependency order, and closes them in
 * reverse (API first, then the scheduler finishing its crawls in flight, then the writer, database, node).
 */
public final class Roomwatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Roomwatch.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private JdbcSchoolRegistry schools;
    private LiveTagging tagging;
    private MailOutbox outbox;
    private final java.util.Map<String, java.util.function.Supplier<?>> extraRoutes = new java.util.LinkedHashMap<>();
    private final RoomwatchConfig config;
    private URI elasticsearchUrl;
    private ElasticsearchClient client;
    private JdbcRoomRegistry registry;
    private CrawlScheduler scheduler;
    private RoomWatchService watcher;
    private ApiServer api;

    private Roomwatch(RoomwatchConfig config) {
        this.config = config;
    }

    /** Crawling only (a backfill at the terminal): no scheduler, no API, no mail sending, no discovered pages. */
    private boolean crawlOnly;
    private JdbcUsers users;
    private JdbcAuditLog audit;
    private java.util.function.Function<AccountsConfig, org.roomwatch.core.account.TdJson> tdlib = AccountsCommand.tdlib;
    private RoomCrawler crawler;
    private RetentionJob retention;
    private org.roomwatch.core.evidence.EvidenceKey evidenceKey;
    private java.util.Set<ProcessRole> roles = ProcessRole.all();
    private final org.roomwatch.api.OpsRoutes ops = new org.roomwatch.api.OpsRoutes();
    /** Where health, readiness and metrics answer in a process that serves no API; -1 otherwise. */
    private int opsPort = -1;

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

    /** The users (the demo creates its own). */
    public JdbcUsers users() {
        return users;
    }

    RoomCrawler crawler() {
        return crawler;
    }

    /** The retention sweep (in a process with the API role; null elsewhere). */
    RetentionJob retention() {
        return retention;
    }

    /** Starts Elasticsearch (configured or managed), the database, the scheduler with the configured rooms, and the API. */
    public static Roomwatch start(RoomwatchConfig config) {
        return start(config, java.util.Map.of());
    }

    /** As {@link #start(RoomwatchConfig)}, doing only what {@code roles} name (one process of a split deployment). */
    static Roomwatch start(RoomwatchConfig config, java.util.Set<ProcessRole> roles) {
        Roomwatch app = new Roomwatch(config);
        app.roles = java.util.EnumSet.copyOf(roles);
        return app.launch();
    }

    /** As {@link #start(RoomwatchConfig)}, with extra read-only routes (the demo's mailbox). */
    static Roomwatch start(RoomwatchConfig config, java.util.Map<String, java.util.function.Supplier<?>> routes) {
        return start(config, routes, AccountsCommand.tdlib);
    }

    /** As {@link #start(RoomwatchConfig, java.util.Map)}, with the TDLib the accounts use (the demo's is simulated). */
    static Roomwatch start(RoomwatchConfig config, java.util.Map<String, java.util.function.Supplier<?>> routes,
                           java.util.function.Function<AccountsConfig, org.roomwatch.core.account.TdJson> tdlib) {
        Roomwatch app = new Roomwatch(config);
        app.tdlib = tdlib;
        app.extraRoutes.putAll(routes);
        return app.launch();
    }

    private void startAll() {
        var es = config.elasticsearch();
        if (es.isManaged()) {
            var managed = es.managed();
            NodeSettings settings = new NodeSettings(
                    managed.workDir().isEmpty() ? NodeSettings.defaultWorkDir() : Path.of(managed.workDir()),
                    managed.dataDir().isEmpty() ? null : Path.of(managed.dataDir()),
                    managed.heapMegabytes(), managed.runAsUser(), null, null);
            ManagedElasticsearchNode node = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), settings);
            closeables.push(node);
            elasticsearchUrl = node.url();
        } else {
            elasticsearchUrl = URI.create(es.url());
        }
        client = ElasticsearchClients.create(elasticsearchUrl, es.socketTimeout());
        closeables.push(() -> client._transport().close());
        IndexNames names = new IndexNames(es.indexPrefix());
        new IndexManager(client, names).ensureAll();
        ControlPlaneDatabase db = ControlPlaneDatabase.open(config.database());
        closeables.push(db);
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry prometheus =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        io.micrometer.core.instrument.Metrics.addRegistry(prometheus);
        closeables.push(() -> io.micrometer.core.instrument.Metrics.removeRegistry(prometheus));
        ops.metrics(prometheus::scrape)
                .check("elasticsearch", this::elasticsearchHealthy)
                .check("database", () -> db.isReachable(java.time.Duration.ofSeconds(2)));
        java.util.Optional<org.roomwatch.core.ops.DiskSpace> disk = config.database().localDirectory()
                .map(dir -> new org.roomwatch.core.ops.DiskSpace(dir, config.database().minFreeDiskMegabytes() * 1_048_576L));
        disk.ifPresent(d -> {
            ops.problem("disk", d::problem);
            closeables.push(new org.roomwatch.core.ops.DiskWatch(d, java.time.Duration.ofSeconds(5)));
        });
        schools = new JdbcSchoolRegistry(db.dataSource());
        JdbcWatchedPeople people = new JdbcWatchedPeople(db.dataSource());
        LiveTagging tagging = new LiveTagging(schools, people, new Lexicon(config.signals().lexicon()), 5);
        closeables.push(tagging);
        this.tagging = tagging;
        BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(tagging), es);
        closeables.push(writer);
        // Watchlists are matched on every acknowledged batch, from the first crawl on.
        JdbcHashSets hashSets = new JdbcHashSets(db.dataSource());
        JdbcWatchlists watchlists = new JdbcWatchlists(db.dataSource());
        AlertStore alertStore = new AlertStore(client, names, Clock.systemUTC());
        LiveWatch watch = new LiveWatch(watchlists, hashSets, alertStore, 2);
        closeables.push(watch);
        writer.afterWrite(watch::onIndexed);
        MailOutbox outbox = new MailOutbox(db.dataSource());
        this.outbox = outbox;
        MailConfig mail = config.mail();
        if (mail.enabled() && !crawlOnly) {
            // Alerts are found where messages are indexed (a crawler) and queued in the database; an alerts process sends them.
            AlertMailer mailer = new AlertMailer(outbox, mail, Clock.systemUTC());
            watch.onAlert(mailer::onAlert);
        }
        if (mail.enabled() && !crawlOnly && roles.contains(ProcessRole.ALERTS)) {
            MailDispatcher dispatcher = new MailDispatcher(outbox, new SmtpSender(mail), mail, Clock.systemUTC());
            Digests digests = new Digests(outbox, mail, Clock.systemUTC());
            ScheduledExecutorService mailing = Executors.newScheduledThreadPool(1, r -> {
                Thread t = new Thread(r, "alert-mail");
                t.setDaemon(true);
                return t;
            });
            mailing.scheduleWithFixedDelay(() -> quietly("sending alert mail", dispatcher::runOnce), 1, 1, TimeUnit.SECONDS);
            long digestSeconds = mail.digestInterval().toSeconds();
            mailing.scheduleWithFixedDelay(() -> quietly("building digests", digests::run), digestSeconds, digestSeconds, TimeUnit.SECONDS);
            closeables.push(mailing::shutdownNow);
            log.info("Alert mail via {}:{} ({})", mail.host(), mail.port(), mail.security());
        }

        registry = new JdbcRoomRegistry(db.dataSource());
        var crawl = config.crawler();
        PoliteFetcher fetcher = new PoliteFetcher(crawl, Clock.systemUTC(), Sleeper.REAL);
        PublicRoomSource publicSource = new PublicRoomSource(fetcher, crawl.telegramBaseUrl(), crawl.maxPagesPerCrawl(),
                Clock.systemUTC());
        MediaConfig media = config.media();
        // One hasher for crawled photos and uploads alike: it holds no state between images.
        ImageHasher hasher = new ImageHasher(new DecodeLimits(media.maxImageBytes(), media.maxImagePixels()));
        MessageStep photos = media.hashImages() ? new PhotoHashing(fetcher, hasher) : MessageStep.NONE;
        RoomSignals signals = new RoomSignals(client, names, tagging);
        JdbcDiscoveredRooms discovered = new JdbcDiscoveredRooms(db.dataSource());
        Map<SourceKind, RoomSource> sources = new java.util.EnumMap<>(SourceKind.class);
        sources.put(SourceKind.PUBLIC, publicSource);
        AccountService accounts = null;
        if (config.accounts().enabled()) {
            accounts = startAccounts(db, writer, hasher);
            sources.put(SourceKind.ACCOUNT, accounts.source());
        }
        crawler = new RoomCrawler(registry, sources, writer, Clock.systemUTC(),
                photos.then(new LinkDiscovery(discovered))).afterStore(signals::refresh)
                .withDiskCheck(() -> disk.flatMap(org.roomwatch.core.ops.DiskSpace::problem))
                .withUnstoredBuffer(config.crawler().unstoredMessagesMax());
        DiscoveredPageFetcher pages = new DiscoveredPageFetcher(discovered, publicSource, Clock.systemUTC())
                .onFetched(room -> watch.onDiscovered(room, tagging));
        if (crawlOnly) {
            return;
        }
        boolean crawling = roles.contains(ProcessRole.CRAWLER);
        if (crawling) {
            startDiscovery(pages);
        }
        if (crawling || roles.contains(ProcessRole.API)) {
            // An API process schedules rooms into the shared job store without running crawls: its scheduler stays
            // in standby and the crawler processes pick the jobs up.
            scheduler = new CrawlScheduler(db.dataSource(), config.database().isPostgres(), crawl.threads(), crawler);
            closeables.push(scheduler);
            watcher = new RoomWatchService(registry, scheduler);
            for (RoomConfig room : config.rooms()) {
                watcher.watch(toWatched(room));
            }
            if (crawling) {
                scheduler.start();
                ops.check("scheduler", scheduler::isRunning);
            }
        }
        if (!roles.contains(ProcessRole.API)) {
            org.roomwatch.api.OpsServer opsServer = new org.roomwatch.api.OpsServer(ops).start(config.api().host(), config.api().port());
            closeables.push(opsServer);
            log.info("roomwatch is up as {}: health, readiness and metrics on http://{}:{}", roles, config.api().host(), opsServer.port());
            opsPort = opsServer.port();
            return;
        }
        startApi(db, client, names, alertStore, hashSets, watchlists, discovered, tagging, hasher, accounts, outbox);
    }

    private void startDiscovery(DiscoveredPageFetcher pages) {
        ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "discovered-pages");
            t.setDaemon(true);
            return t;
        });
        discovery.scheduleWithFixedDelay(() -> {
            try {
                pages.fetchSome(20);
            } catch (RuntimeException e) {
                log.warn("Fetching discovered rooms' pages failed: {}", e.toString());
            }
        }, 5, 15, TimeUnit.SECONDS);
        closeables.push(discovery::shutdownNow);
    }

    /** The evidence signing key, loaded (or made) on the first bundle, then kept. */
    private synchronized org.roomwatch.core.evidence.EvidenceKey evidenceKey() {
        if (evidenceKey == null) {
            evidenceKey = org.roomwatch.core.evidence.EvidenceKey.loadOrCreate(Path.of(config.security().evidenceKeyFile()));
        }
        return evidenceKey;
    }

    private void startApi(ControlPlaneDatabase db, ElasticsearchClient client, IndexNames names, AlertStore alertStore,
                          JdbcHashSets hashSets, JdbcWatchlists watchlists, JdbcDiscoveredRooms discovered,
                          LiveTagging tagging, ImageHasher hasher, AccountService accounts, MailOutbox outbox) {
        MediaConfig media = config.media();
        RetroScans retro = new RetroScans(client, names, alertStore, hashSets, Clock.systemUTC());
        closeables.push(retro);
        ImageSearch images = new ElasticsearchImageSearch(client, names, ElasticsearchImageSearch.method(media.nearDuplicateMethod()));
        SecurityConfig security = config.security();
        users = new JdbcUsers(db.dataSource(), security.lockoutAfter(), security.lockoutFor(), security.minPasswordLength());
        audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        org.roomwatch.controlplane.JdbcCases cases = new org.roomwatch.controlplane.JdbcCases(db.dataSource());
        // One process sweeps: the API process (a deployment runs one), where the cases are opened.
        retention = new RetentionJob(config.retention(), new org.roomwatch.indexer.RetentionSweep(client, names), cases,
                new HashSetMatcher(hashSets, images), audit, Clock.systemUTC());
        closeables.push(retention);
        if (!config.retention().keepsEverything()) {
            retention.start();
        }
        if (users.list().stream().noneMatch(u -> u.role() == Role.ADMIN && !u.disabled())) {
            log.warn("No admin can log in yet: create one with 'roomwatch users add NAME --role admin'");
        }
        api = new ApiServer(new ElasticsearchSearchService(client, names), watcher, this::elasticsearchHealthy)
                .withSecurity(new ApiSecurity(users, audit, security, Clock.systemUTC()))
                .withImages(images, hasher)
                .withHashSets(hashSets, new HashSetMatcher(hashSets, images))
                .withCases(cases, hashSets, new HashSetMatcher(hashSets, images),
                        new org.roomwatch.indexer.ElasticsearchCaseSightings(client, names), watchlists)
                .withEvidence(new org.roomwatch.indexer.ElasticsearchEvidenceRecords(client, names), this::evidenceKey)
                .withSchools(tagging)
                .withDiscovered(discovered)
                .withWatchlists(watchlists, alertStore, retro, hasher)
                .withMailOutbox(status -> outbox.withStatus(status, 200))
                .withPages(users, audit)
                .start(config.api().host(), config.api().port());
        closeables.push(api);
        ops.checksInto(api.ops());
        if (accounts != null) {
            api.withAccounts(accounts);
        }
        extraRoutes.forEach(api::withGet);
        log.info("roomwatch is up: API http://{}:{}/api, Elasticsearch {}", config.api().host(), api.port(), elasticsearchUrl);
    }

    /** The authorized accounts, logged in from their encrypted databases; nobody is asked for a code here. */
    private AccountService startAccounts(ControlPlaneDatabase db, BulkMessageWriter writer, ImageHasher hasher) {
        AccountsConfig accounts = config.accounts();
        byte[] key = AccountKey.load(System.getenv(), accounts.keyFile());
        try {
            AccountService service = AccountService.start(accounts, tdlib.apply(accounts), key,
                    new JdbcCrawlAccounts(db.dataSource()), writer, hasher, Clock.systemUTC());
            closeables.push(service);
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging the accounts in", e);
        }
    }

    private static void quietly(String what, java.util.function.Supplier<Integer> work) {
        try {
            work.get();
        } catch (RuntimeException e) {
            log.warn("Failed {}: {}", what, e.toString());
        }
    }

    /** The alert mail outbox (the demo's mailbox page reads what was sent). */
    MailOutbox outbox() {
        return outbox;
    }

    /** Recompiles the tagging now instead of at the next check. */
    void refreshTagging() {
        tagging.refresh();
    }

    WatchedRoom toWatched(RoomConfig room) {
        return new WatchedRoom(room.name(), SourceKind.parse(room.source()),
                room.interval() == null ? config.crawler().defaultInterval() : room.interval());
    }

    boolean elasticsearchHealthy() {
        try {
            return !client.cluster().health().timedOut();
        } catch (Exception e) {
            return false;
        }
    }

    public RoomWatchService watcher() {
        return watcher;
    }

    public JdbcRoomRegistry registry() {
        return registry;
    }

    /** Stops the crawl scheduler alone, as a failure would (readiness must say so). */
    void closeSchedulerForTest() {
        scheduler.close();
    }

    ApiServer api() {
        return api;
    }

    /** Where this process answers HTTP: the API, or only health, readiness and metrics when it serves no API. */
    public int apiPort() {
        return api != null ? api.port() : opsPort;
    }

    public URI elasticsearchUrl() {
        return elasticsearchUrl;
    }

    public static String describe(WatchedRoom room) {
        return room.name() + " (" + room.source().key() + ", every " + DurationText.format(room.interval()) + ")";
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                log.warn("Error while shutting down: {}", e.toString());
            }
        }
    }
}
