package org.roomwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.roomwatch.app.SampleSchools;
import org.roomwatch.core.InMemoryRoomRegistry;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.ElasticsearchConfig;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.crawler.account.AccountGateway;
import org.roomwatch.crawler.account.AccountLogin;
import org.roomwatch.crawler.account.AccountPool;
import org.roomwatch.crawler.account.AccountRoomSource;
import org.roomwatch.crawler.account.TdClients;
import org.roomwatch.crawler.account.TdRequests;
import org.roomwatch.crawler.account.TdSession;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.tdlib.FakeTdlib;
import org.roomwatch.simulator.tdlib.SimulatedAccountWorld;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Account backfill benchmark: a room of N synthetic messages in the fake TDLib is backfilled through the whole
 * account path (TDLib JSON, session, gateway, mapping, the RoomCrawler's crawls of accounts.maxMessagesPerCrawl with
 * their cursor steps, enrichment, bulk into a real node), and the public-page pipeline runs over the same posts in
 * the same run. Prints both rates.
 */
@Command(name = "accounts", description = "Benchmark a backfill through an account (fake TDLib) beside the public-page pipeline.")
final class AccountBench implements Callable<Integer> {
    @Option(names = "-n", defaultValue = "100000", description = "messages; default ${DEFAULT-VALUE}") int count;
    @Option(names = "--rounds", defaultValue = "3", description = "measured rounds of each path; default ${DEFAULT-VALUE}") int rounds;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;

    private static final String ROOM = "bench_account_room";
    private final Instant base = Instant.parse("2026-01-01T00:00:00Z");
    private TdClients clients;

    @Override
    public Integer call() throws Exception {
        var config = new ConfigLoader().defaults();
        ElasticsearchConfig es = config.elasticsearch();
        Tagging tagging = new Tagging(SampleSchools.load(), List.of(), new Lexicon(config.signals().lexicon()));
        BenchElasticsearch node = BenchElasticsearch.open(esUrl);
        URI url = node.url();
        Path work = Files.createTempDirectory(Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : "/tmp"), "rw-bench-td");
        try {
            ElasticsearchClient client = ElasticsearchClients.create(url, Duration.ofMinutes(5));
            FakeTdlib td = world();
            // One receive loop per TDLib: TDLib has one queue for all its clients.
            clients = new TdClients(td);
            int perCrawl = config.accounts().maxMessagesPerCrawl();
            backfill(client, es, tagging, work, "warm", perCrawl); // warm-up: JIT of the session, mapping, client and node
            double[] account = new double[rounds];
            Table table = Table.start(System.out, Table.number("round", "%d"), Table.text("path", 45), Table.number("messages", "%d"),
                    Table.number("seconds", "%.2f"), Table.number("messages/s", "%.0f"));
            for (int r = 0; r < rounds; r++) {
                double seconds = backfill(client, es, tagging, work, "m" + r, perCrawl);
                account[r] = count / seconds;
                table.row(r + 1, "account backfill (TDLib JSON → index), fake", count, seconds, account[r]);
            }
            double publicRate = new IngestBench().publicPipelineRate(client, es, tagging, count, rounds);
            double accountRate = IngestBench.median(account);
            System.out.printf("%naccount backfill: median %.0f msg/s (crawls of %d messages, each written and acknowledged"
                    + " before its cursor moves)%npublic pages (parse+enrich+bulk, batches in flight): median %.0f msg/s%n"
                    + "account / public = %.2f%n", accountRate, perCrawl, publicRate, accountRate / publicRate);
            return 0;
        } finally {
            if (clients != null) {
                clients.close();
            }
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            node.close();
        }
    }

    /** The same synthetic posts the public bench renders (same seed), as messages of a fake TDLib room, text only. */
    private FakeTdlib world() {
        SimulatedAccountWorld world = new SimulatedAccountWorld("+82 10 0000 0100", 7100, "10101", false);
        SimRoom room = new SimRoom(ROOM, "벤치 방", "벤치마크", true, 1000, true);
        Random random = new Random(1);
        for (int i = 1; i <= count; i++) {
            room.add(SyntheticRooms.nextPost(room, random, base.plusSeconds(i)));
        }
        world.add(room);
        return world.tdlib();
    }

    private AccountGateway account(Path work) throws InterruptedException {
        TdSession session = clients.open("bench");
        AccountLogin.Result login = new AccountLogin(session, TdRequests.tdlibParameters(work.resolve("db"), work.resolve("files"),
                new byte[32], 1, "0123456789abcdef0123456789abcdef"), Duration.ofSeconds(30)).run(new AccountLogin.Prompts() {
                    public String phone(String problem) {
                        return "+82 10 0000 0100";
                    }

                    public String code(String problem) {
                        return "10101";
                    }

                    public String password(String hint, String problem) {
                        return null;
                    }
                });
        if (login.outcome() != AccountLogin.Outcome.AUTHORIZED) {
            throw new IllegalStateException("bench login failed: " + login.detail());
        }
        // A budget no real account would get: the benchmark measures roomwatch, not Telegram's limits.
        return new AccountGateway(session, "bench", 1_000_000, Duration.ofSeconds(60), Clock.systemUTC());
    }

    /** One full backfill into fresh indices; returns the seconds it took. */
    private double backfill(ElasticsearchClient client, ElasticsearchConfig es, Tagging tagging, Path work, String label,
                            int perCrawl) throws Exception {
        IndexNames names = new IndexNames("bench-account-" + System.currentTimeMillis() + "-" + label + "-");
        new IndexManager(client, names).ensureAll();
        AccountPool pool = new AccountPool(Clock.systemUTC());
        AccountGateway gateway = account(work);
        pool.add(gateway);
        AccountRoomSource source = new AccountRoomSource(pool, new ImageHasher(DecodeLimits.DEFAULT), new VideoHasher(), perCrawl, Clock.systemUTC());
        InMemoryRoomRegistry registry = new InMemoryRoomRegistry();
        registry.put(new WatchedRoom(ROOM, SourceKind.ACCOUNT, Duration.ofMinutes(5)));
        long start = System.nanoTime();
        try (BulkMessageWriter writer = new BulkMessageWriter(client, names, new MessageEnricher(() -> tagging), es)) {
            RoomCrawler crawler = new RoomCrawler(registry, Map.of(SourceKind.ACCOUNT, source), IngestPipeline.storing(writer), Clock.systemUTC());
            int stored = 0;
            while (stored < count) {
                RoomCrawler.Outcome outcome = crawler.crawl(ROOM);
                if (!outcome.ok() || outcome.stored() == 0) {
                    throw new IllegalStateException("backfill stopped at " + stored + ": " + outcome.summary());
                }
                stored += outcome.stored();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        gateway.session().close();
        client.indices().delete(d -> d.index(names.all()));
        return seconds;
    }
}
