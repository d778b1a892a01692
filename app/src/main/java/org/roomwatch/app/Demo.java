package org.roomwatch.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.roomwatch.core.config.ApiConfig;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.config.RoomConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.crawler.store.ControlPlaneDatabase;
import org.roomwatch.crawler.store.JdbcSchoolRegistry;
import org.roomwatch.crawler.store.JdbcWatchlists;
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

    private final GreenMail sink;

    private Demo(TelegramSite site, Roomwatch app, ScheduledExecutorService feed, Path databaseDir, GreenMail sink) {
        this.sink = sink;
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
        // A local SMTP sink: alert mails really go over SMTP, and can be read at /api/demo/mail.
        GreenMail sink = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        MailConfig mail = new MailConfig(true, "127.0.0.1", sink.getSmtp().getPort(), "none", "", "", "roomwatch@demo.local",
                "http://127.0.0.1:" + (port == 0 ? 8080 : port), base.mail().digestInterval(), base.mail().perRecipientPerHour(),
                base.mail().maxAttempts(), base.mail().retryBackoff(), base.mail().timeout());
        RoomwatchConfig config = new RoomwatchConfig(base.elasticsearch(),
                base.database().withJdbcUrl("jdbc:h2:file:" + db.resolve("roomwatch") + ";AUTO_SERVER=TRUE"),
                base.crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(20), base.media(), base.signals(), mail,
                base.accounts(), new ApiConfig(base.api().host(), port), rooms);
        Roomwatch app;
        try {
            // The synthetic school registry goes in before the first crawl, so every message is tagged.
            try (ControlPlaneDatabase database = ControlPlaneDatabase.open(config.database())) {
                new JdbcSchoolRegistry(database.dataSource()).importAll(SchoolsCommand.sample());
                // A high-priority list so alerts, and their mails, appear within seconds of the first crawl.
                JdbcWatchlists lists = new JdbcWatchlists(database.dataSource());
                var list = lists.create("데모: 한빛여고", "demo", true, List.of("officer@demo.local"), "demo");
                lists.addRule(list.id(), RuleKind.SCHOOL, "9900001", null, "demo");
                lists.addRule(list.id(), RuleKind.TERM, "지인능욕", null, "demo");
            }
            app = Roomwatch.start(config, Map.of("/api/demo/mail", () -> mailbox(sink)));
        } catch (RuntimeException e) {
            site.close();
            sink.stop();
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
        return new Demo(site, app, feed, db, sink);
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
        sink.stop();
        deleteQuietly(databaseDir);
    }

    /** The mails the sink received, newest last: to, subject and text. */
    static List<Map<String, Object>> mailbox(GreenMail sink) {
        List<Map<String, Object>> mails = new java.util.ArrayList<>();
        for (jakarta.mail.internet.MimeMessage m : sink.getReceivedMessages()) {
            try {
                mails.add(Map.of("to", String.valueOf(m.getAllRecipients()[0]), "subject", m.getSubject(),
                        "text", String.valueOf(m.getContent())));
            } catch (jakarta.mail.MessagingException | IOException e) {
                mails.add(Map.of("error", e.getMessage()));
            }
        }
        return mails;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public List<Map<String, Object>> mails() {
        return mailbox(sink);
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
