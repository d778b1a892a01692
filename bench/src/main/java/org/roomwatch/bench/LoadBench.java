package org.roomwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.roomwatch.app.Roomwatch;
import org.roomwatch.app.SampleSchools;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.school.School;
import org.roomwatch.core.security.Role;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.ElasticsearchVideoSearch;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A national unit's load: an index pre-loaded with {@code --messages} synthetic messages (bulk, not through the
 * crawler), the whole server (crawler, API, alerts) on loopback crawling {@code --rooms} simulated rooms, and
 * {@code --searchers} investigators running the officers' mix ({@link LoadMix}) through the HTTP API with a token;
 * then the identical queries sent directly to the engine at the same concurrency, while the crawl goes on. Prints per
 * kind of request the latency percentiles of both, the throughputs, the ingest rate alone (before the searches and
 * after them, the higher counting) and during each run, the CPU each part spent by process and thread pool, and a
 * last line a script can read. {@code --bad-input} adds a run with an extra client sending what users get wrong.
 */
@Command(name = "load", description = "The officers' search mix at scale during ingest: API against engine, p50/p95/p99, ingest rates.")
final class LoadBench implements Callable<Integer> {
    /** Searches of each message-search kind timed one at a time in each variant, for what highlights and facets cost. */
    private static final int PIECE_SAMPLES = 40;

    @Option(names = "--messages", defaultValue = "1000000", description = "messages pre-loaded in bulk; default ${DEFAULT-VALUE}") long messages;
    @Option(names = "--preload-rooms", defaultValue = "2000", description = "rooms the pre-loaded messages are in; default ${DEFAULT-VALUE}") int preloadRooms;
    @Option(names = "--searchers", defaultValue = "32", description = "concurrent investigators; default ${DEFAULT-VALUE}") int searchers;
    @Option(names = "--requests", defaultValue = "150", description = "requests per investigator per run; default ${DEFAULT-VALUE}") int requests;
    @Option(names = "--kind-requests", defaultValue = "10", description = "requests per investigator of each kind alone, to say what each"
            + " kind costs; default ${DEFAULT-VALUE}") int kindRequests;
    @Option(names = "--rooms", defaultValue = "8", description = "rooms being crawled; default ${DEFAULT-VALUE}") int rooms;
    @Option(names = "--posts", defaultValue = "25000", description = "posts per crawled room; default ${DEFAULT-VALUE}") int posts;
    @Option(names = "--warmup-seconds", defaultValue = "60", description = "seconds both ways are warmed up, in turns, before measuring;"
            + " default ${DEFAULT-VALUE}") int warmupSeconds;
    @Option(names = "--ingest-seconds", defaultValue = "20", description = "seconds of ingest alone, measured before the searches and again after them; default ${DEFAULT-VALUE}") int ingestSeconds;
    @Option(names = "--es-heap-mb", defaultValue = "4096", description = "heap of the managed node; default ${DEFAULT-VALUE}") int heapMb;
    @Option(names = "--database", defaultValue = "postgres", description = "postgres (a throwaway database on 127.0.0.1:5432) or h2; default ${DEFAULT-VALUE}") String database;
    @Option(names = "--think-ms", defaultValue = "0", description = "mean pause of an investigator between an answer and the next search"
            + " in the mix's runs (exponentially distributed); 0 is the issue's load, no pause; default ${DEFAULT-VALUE}") long thinkMs;
    @Option(names = "--bad-input", description = "also a run with a client sending bad requests throughout") boolean badInput;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;

    @Override
    public Integer call() throws Exception {
        if (messages < 0 || warmupSeconds < 0 || preloadRooms < 1 || searchers < 1 || requests < 1 || kindRequests < 2 || rooms < 1 || posts < 1 || ingestSeconds < 1) {
            throw new IllegalArgumentException("--messages and --warmup-seconds must be 0 or more; --preload-rooms, --searchers, --requests,"
                    + " --rooms, --posts and --ingest-seconds at least 1; --kind-requests at least 2 (each kind is sent in two halves)");
        }
        // The investigators' pause in the mix's measured runs (not in the warm-up, nor in each kind alone, which measure capacity).
        LoadRun.Think think = new LoadRun.Think(thinkMs);
        if (!Set.of("postgres", "h2").contains(database)) {
            throw new IllegalArgumentException("--database must be postgres or h2, got '" + database + "'");
        }
        Path dir = Files.createTempDirectory("roomwatch-load-");
        Summary summary;
        String prefix = "load-" + System.currentTimeMillis() + "-";
        IndexNames names = new IndexNames(prefix);
        try (BenchElasticsearch node = BenchElasticsearch.open(esUrl, base -> new NodeSettings(base.workDir(), null, heapMb, base.runAsUser(), null, null));
             TelegramSite site = TelegramSite.start();
             LoadDatabase db = LoadDatabase.create(database, dir)) {
            RoomwatchConfig config = config(dir, site, node.url(), prefix, db.jdbcUrl());
            ElasticsearchClient client = ElasticsearchClients.create(node.url(), Duration.ofMinutes(5));
            try {
                List<School> schools = SampleSchools.load();
                try (ControlPlaneDatabase control = ControlPlaneDatabase.open(config.database())) {
                    new JdbcSchoolRegistry(control.dataSource()).importAll(schools); // the server tags with these, as the pre-load does
                }
                new IndexManager(client, names).ensureAll();
                Tagging tagging = new Tagging(schools, List.of(), new Lexicon(config.signals().lexicon()));
                LoadCorpus corpus = new LoadCorpus(schools, preloadRooms, Instant.parse("2025-01-01T00:00:00Z"), Duration.ofDays(540));
                System.out.printf("pre-loading %,d messages in %,d rooms ...%n", messages, preloadRooms);
                double preloadSeconds = new LoadPreload(client, names, new MessageEnricher(() -> tagging), corpus).load(messages, 2);
                System.out.printf("pre-loaded %,d messages in %.0f s (%.0f messages/s)%n", messages, preloadSeconds, messages / preloadSeconds);
                try (Roomwatch app = Roomwatch.start(config)) {
                    // The engine side's own client, with as many connections as the server's search client.
                    ElasticsearchClient engineClient = ElasticsearchClients.create(node.url(), Duration.ofMinutes(5), 64);
                    try {
                        summary = measure(app, client, engineClient, names, config, tagging, corpus, schools, think);
                    } finally {
                        engineClient._transport().close();
                    }
                }
            } finally {
                deleteIndices(client, names);
            }
        }
        // Last, after the server and the node have stopped and logged it, so that a script finds it on the last line.
        System.out.println();
        System.out.println(summary.lastLine());
        return summary.problems() == 0 ? 0 : 1;
    }

    /**
     * One measured part of a run, in the order run, the messages ingested meanwhile, and who spent the machine's CPU
     * meanwhile (null where it cannot be read).
     */
    record Part(String name, LoadRun.Result result, long indexed, CpuLedger.Spent cpu) {
        interface Run {
            LoadRun.Result run() throws InterruptedException;
        }

        /** Two parts of the same way as one: their requests, their ingest and their CPU together. */
        Part and(Part other) {
            return new Part(name, result.and(other.result), indexed + other.indexed, cpu == null || other.cpu == null ? null : cpu.plus(other.cpu));
        }

        static Part measure(String name, LoadIngest ingest, Run run) throws InterruptedException {
            long before = ingest.indexed();
            CpuLedger.Snapshot cpuBefore = CpuLedger.take();
            LoadRun.Result result = run.run();
            CpuLedger.Snapshot cpuAfter = CpuLedger.take();
            return new Part(name, result, ingest.indexed() - before,
                    cpuBefore == null || cpuAfter == null ? null : CpuLedger.between(cpuBefore, cpuAfter));
        }
    }

    /**
     * Ingest with no searches, over {@code --ingest-seconds}: its rate, and what a stored message costs where, so the
     * parts' CPU per request can be read net of the ingest beside them.
     */
    private Alone ingestAlone(LoadIngest ingest, String label) throws InterruptedException {
        CpuLedger.Snapshot idleBefore = CpuLedger.take();
        long storedBefore = ingest.indexed();
        double alone = ingest.rateOver(Duration.ofSeconds(ingestSeconds));
        CpuLedger.Snapshot idleAfter = CpuLedger.take();
        System.out.printf("%s: %.0f messages/s over %d s%n", label, alone, ingestSeconds);
        long messages = ingest.indexed() - storedBefore;
        double nodeMsPerStored = 0;
        if (messages == 0) {
            System.out.printf("%s: no message was stored in %d s, so no CPU per message%n", label, ingestSeconds);
        } else if (idleBefore != null && idleAfter != null) {
            CpuLedger.Spent spent = CpuLedger.between(idleBefore, idleAfter);
            nodeMsPerStored = spent.seconds().get(CpuLedger.NODE) * 1000 / messages;
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("%s: CPU ms per message stored: node %.2f, this JVM %.2f, machine %.2f (busy %.0f %% of %d cores)%n", label,
                    spent.seconds().get(CpuLedger.NODE) * 1000 / messages, spent.jvm() * 1000 / messages,
                    spent.machineBusy() * 1000 / messages, 100 * spent.machineBusy() / ingestSeconds / cores, cores);
            // The JVM's share by pool: the crawlers', the bulk writes', and the simulated Telegram site's, which a real
            // deployment does not run.
            System.out.println(label + ": this JVM's CPU ms per message stored, by thread pool: " + spent.seconds().entrySet().stream()
                    .filter(e -> e.getKey().startsWith(CpuLedger.JVM_THREADS) || e.getKey().equals(CpuLedger.JVM_ITSELF)).limit(8)
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey().replace(CpuLedger.JVM_THREADS, ""), e.getValue() * 1000 / messages))
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return new Alone(alone, nodeMsPerStored);
    }

    /** A window of ingest alone: messages stored per second, and the node's CPU ms per message stored (0 if unknown). */
    private record Alone(double rate, double nodeMsPerStored) {}

    /**
     * Each kind of request alone, both ways, {@code --kind-requests} per investigator: which
     * kind the node's time goes to, and what the API adds to each.
     */
    private int costByKind(LoadMix mix, LoadApi api, LoadIngest ingest, Alone alone) throws InterruptedException {
        List<Part> engine = new ArrayList<>();
        List<Part> viaApi = new ArrayList<>();
        int first = kindRequests / 2;
        int second = kindRequests - first;
        for (LoadMix.Kind kind : LoadMix.Kind.values()) {
            LoadMix one = mix.only(kind);
            // As the parts of the mix: engine, API, API, engine, each half the same queries both ways, so the node's
            // caches warmed by whichever way goes first favour neither.
            Part engineFirst = Part.measure(kind.label, ingest, () -> LoadRun.run(one, searchers, 0, first, 9_000, r -> r.engine().call()));
            Part apiFirst = Part.measure(kind.label, ingest, () -> LoadRun.run(one, searchers, 0, first, 9_000, api::send));
            Part apiSecond = Part.measure(kind.label, ingest, () -> LoadRun.run(one, searchers, first, second, 9_000, api::send));
            Part engineSecond = Part.measure(kind.label, ingest, () -> LoadRun.run(one, searchers, first, second, 9_000, r -> r.engine().call()));
            engine.add(engineFirst.and(engineSecond));
            viaApi.add(apiFirst.and(apiSecond));
        }
        LoadReport.costByKind(System.out, engine, viaApi, alone.nodeMsPerStored());
        int problems = 0;
        for (int i = 0; i < engine.size(); i++) {
            problems += LoadReport.errors(System.out, "engine, " + engine.get(i).name() + " alone", engine.get(i).result())
                    + LoadReport.errors(System.out, "API, " + viaApi.get(i).name() + " alone", viaApi.get(i).result());
        }
        return problems;
    }

    /** The line a script reads, and how many requests failed or were answered unexpectedly. */
    private record Summary(String lastLine, int problems) {}

    private Summary measure(Roomwatch app, ElasticsearchClient client, ElasticsearchClient engineClient, IndexNames names, RoomwatchConfig config, Tagging tagging,
                        LoadCorpus corpus, List<School> schools, LoadRun.Think think) throws Exception {
        app.users().add("load-analyst", Role.ANALYST, "a synthetic load-test passphrase", "bench-load");
        String token = app.users().createToken("load-analyst", "bench-load").secret();
        LoadApi api = new LoadApi(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(),
                app.apiPort(), token);
        String list = api.watchlistWithTerm("부하 감시", "사진"); // alerts raised by the crawl fill the inbox the mix reads
        LoadMix.Engine engine = new LoadMix.Engine(new ElasticsearchSearchService(engineClient, names, () -> tagging),
                new ElasticsearchImageSearch(engineClient, names, ElasticsearchImageSearch.method(config.media().nearDuplicateMethod())),
                new ElasticsearchVideoSearch(engineClient, names), new AlertStore(engineClient, names, Clock.systemUTC()), Set.of(list));
        LoadMix mix = new LoadMix(corpus, preloadRooms, schools.stream().map(School::id).toList(), engine);
        LoadIngest ingest = new LoadIngest(app, rooms);
        ingest.awaitStart();

        Alone aloneBefore = ingestAlone(ingest, "ingest alone");
        // Warm-up of both paths in turns, not counted: connection pools, the node's caches, and the compilers of both
        // processes, which were still compiling a thousand methods a minute after 30 s of warm-up (jstat -compiler). Their
        // seeds are not the measured ones (7,000 on).
        long warmUntil = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
        int round = 0;
        do {
            LoadRun.run(mix, searchers, Math.max(1, requests / 5), 1_000_000L + (long) round * searchers, api::send);
            LoadRun.run(mix, searchers, Math.max(1, requests / 5), 1_000_000L + (long) round * searchers, r -> r.engine().call());
            round++;
        } while (System.nanoTime() < warmUntil);

        // In the order API, engine, engine, API, each half the requests, the two ways' halves the same queries: the
        // node's caches and compiled code, warmer with every run, and the index growing under ingest favour neither way
        // (run API then engine, the engine got every query the second time).
        int firstHalf = requests / 2;
        int secondHalf = requests - firstHalf;
        List<Part> parts = new ArrayList<>();
        parts.add(Part.measure("API, first half", ingest, () -> LoadRun.run(mix, searchers, 0, firstHalf, 7_000, think, Thread::sleep, api::send)));
        parts.add(Part.measure("engine, first half", ingest, () -> LoadRun.run(mix, searchers, 0, firstHalf, 7_000, think, Thread::sleep, r -> r.engine().call())));
        parts.add(Part.measure("engine, second half", ingest, () -> LoadRun.run(mix, searchers, firstHalf, secondHalf, 7_000, think, Thread::sleep, r -> r.engine().call())));
        parts.add(Part.measure("API, second half", ingest, () -> LoadRun.run(mix, searchers, firstHalf, secondHalf, 7_000, think, Thread::sleep, api::send)));
        LoadRun.Result viaApi = parts.get(0).result().and(parts.get(3).result());
        LoadRun.Result direct = parts.get(1).result().and(parts.get(2).result());
        double ingestApi = (parts.get(0).indexed() + parts.get(3).indexed()) / viaApi.seconds();
        double ingestEngine = (parts.get(1).indexed() + parts.get(2).indexed()) / direct.seconds();
        LoadReport.parts(System.out, parts);
        LoadReport.cpu(System.out, parts);
        LoadReport.kinds(System.out, viaApi, direct);
        // Alone again, now that both processes are warm: measured first only, it ran while the compilers were still busy
        // (this JVM's own threads spent 0.73 ms per stored message then, most of it), which flattered the ratio. The
        // higher of the two is what the searches are held to.
        Alone after = ingestAlone(ingest, "ingest alone, again after the searches");
        double alone = Math.max(aloneBefore.rate(), after.rate());
        int kindProblems = costByKind(mix, api, ingest, after);
        LoadPieces.report(System.out, LoadPieces.measure(mix, engine.search(), PIECE_SAMPLES));
        if (think.meanMillis() > 0) {
            System.out.printf("the investigators paused a mean of %d ms between an answer and their next search: the mix's rates are what"
                    + " they asked for, not what either way can give, and api / engine compares capacity only with --think-ms 0%n", think.meanMillis());
        }
        LoadReport.totals(System.out, viaApi, direct, alone, ingestApi, ingestEngine);
        int problems = LoadReport.errors(System.out, "API", viaApi) + LoadReport.errors(System.out, "engine", direct) + kindProblems;
        if (badInput) {
            LoadBadInput bad = new LoadBadInput(api);
            LoadRun.Result withBad = bad.during(() -> LoadRun.run(mix, searchers, 0, requests, 7_000, think, Thread::sleep, api::send));
            LoadReport.badInput(System.out, viaApi, withBad, bad);
            problems += bad.unexpected();
        }
        long stored = client.count(c -> c.index(names.messages())).count();
        double ratio = viaApi.perSecond() / direct.perSecond();
        return new Summary(String.format(java.util.Locale.ROOT, "api / engine = %.2f (target >= 0.70); message search p95 = %.0f ms at %d messages",
                ratio, LoadRun.pct(viaApi.of(k -> k.messageSearch), 95), stored), problems);
    }

    private RoomwatchConfig config(Path dir, TelegramSite site, URI es, String prefix, String jdbcUrl) throws Exception {
        Random random = new Random(32);
        StringBuilder yaml = new StringBuilder("crawler:\n  telegramBaseUrl: \"" + site.baseUrl()
                + "\"\n  requestsPerSecondPerHost: 500\n  maxPagesPerCrawl: 25\n  threads: 2\nrooms:\n");
        Instant t0 = Instant.parse("2026-07-01T00:00:00Z");
        for (int r = 0; r < rooms; r++) {
            SimRoom room = new SimRoom("load_room_" + r, "부하 방 " + r, "합성 방", r % 2 == 0, 100, true);
            for (int i = 1; i <= posts; i++) {
                room.add(SyntheticRooms.nextPost(room, random, t0.plusSeconds(i)));
            }
            site.add(room);
            yaml.append("  - name: load_room_").append(r).append("\n    interval: 1s\n");
        }
        Files.writeString(dir.resolve("roomwatch.yml"), yaml);
        return new ConfigLoader().load(dir.resolve("roomwatch.yml"), Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", es.toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                "ROOMWATCH_DATABASE_JDBCURL", jdbcUrl,
                "ROOMWATCH_DATABASE_USER", database.equals("postgres") ? "postgres" : "sa",
                "ROOMWATCH_API_PORT", "0",
                "ROOMWATCH_MEDIA_HASHIMAGES", "false"));
    }

    private static void deleteIndices(ElasticsearchClient client, IndexNames names) {
        for (String index : names.all()) {
            try {
                client.indices().delete(d -> d.index(index).ignoreUnavailable(true)); // by name: wildcard deletes are refused
            } catch (Exception e) {
                System.err.println("could not delete " + index + ": " + e.getMessage());
            }
        }
    }
}
