package org.roomwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.roomwatch.core.config.ApiConfig;
import org.roomwatch.core.config.RoomConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.crawler.store.ControlPlaneDatabase;
import org.roomwatch.crawler.store.JdbcSchoolRegistry;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.TelegramSite;

/**
 * Everything on one machine: the simulated Telegram site with synthetic Korean rooms, a throwaway H2 database,
 * Elasticsearch (managed unless configured), the crawler watching every room, and the API. New synthetic posts
 * keep arriving so the crawl can be watched working.
 */
public final class Demo implements AutoCloseable {
    private final TelegramSite site;
    private final Roomwatch app;
    private final ScheduledExecutorService feed;
    private final Path databaseDir;

    private Demo(TelegramSite site, Roomwatch app, ScheduledExecutorService feed, Path databaseDir) {
        this.site = site;
        this.app = app;
        this.feed = feed;
        this.databaseDir = databaseDir;
    }

    public static Demo start(RoomwatchConfig base, int port, Duration interval) throws IOException {
        TelegramSite site = TelegramSite.start();
        SyntheticRooms.populate(site, 2024L, Instant.now());
        Path db = Files.createTempDirectory("roomwatch-demo-db");
        List<RoomConfig> rooms = site.rooms().stream().map(r -> new RoomConfig(r.name(), "public", interval)).toList();
        RoomwatchConfig config = new RoomwatchConfig(base.elasticsearch(),
                base.database().withJdbcUrl("jdbc:h2:file:" + db.resolve("roomwatch") + ";AUTO_SERVER=TRUE"),
                base.crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(20), base.media(), base.signals(),
                new ApiConfig(base.api().host(), port), rooms);
        Roomwatch app;
        try {
            // The synthetic school registry goes in before the first crawl, so every message is tagged.
            try (ControlPlaneDatabase database = ControlPlaneDatabase.open(config.database())) {
                new JdbcSchoolRegistry(database.dataSource()).importAll(SchoolsCommand.sample());
            }
            app = Roomwatch.start(config);
        } catch (RuntimeException e) {
            site.close();
            deleteQuietly(db);
            throw e;
        }
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-feed");
            t.setDaemon(true);
            return t;
        });
        Random random = new Random(7);
        List<SimRoom> live = site.rooms().stream().filter(SimRoom::preview).toList();
        feed.scheduleAtFixedRate(() -> {
            SimRoom room = live.get(random.nextInt(live.size()));
            room.add(SyntheticRooms.nextPost(room, random, Instant.now()));
        }, 10, 10, TimeUnit.SECONDS);
        return new Demo(site, app, feed, db);
    }

    public TelegramSite site() {
        return site;
    }

    public Roomwatch app() {
        return app;
    }

    @Override
    public void close() {
        feed.shutdownNow();
        app.close();
        site.close();
        deleteQuietly(databaseDir);
    }

    /** The demo's database is throwaway: it goes with the demo. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("roomwatch: could not remove the demo database " + dir + ": " + e.getMessage());
        }
    }
}
