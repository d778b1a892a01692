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
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.controlplane.JdbcSchoolRegistry;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.ApiConfig;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.config.RoomConfig;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.crawler.account.AccountKey;
import org.roomwatch.crawler.account.AccountLogin;
import org.roomwatch.crawler.account.AccountService;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.simulator.tdlib.SimulatedAccountWorld;

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

    private final Path accountFiles;
    private final String adminPassword;
    private final String adminToken;

    private Demo(TelegramSite site, Roomwatch app, ScheduledExecutorService feed, Path databaseDir, GreenMail sink, Path accountFiles,
                 String adminPassword, String adminToken) {
        this.accountFiles = accountFiles;
        this.adminPassword = adminPassword;
        this.adminToken = adminToken;
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
        // Rooms t.me shows no preview of are read the way investigators read them: through an authorized account, here
        // a simulated TDLib that holds the same synthetic rooms.
        SimulatedAccountWorld accounts = new SimulatedAccountWorld(DEMO_PHONE, 7777, DEMO_CODE, true);
        List<SimRoom> hidden = site.rooms().stream().filter(r -> !r.preview()).toList();
        hidden.forEach(accounts::add);
        List<RoomConfig> rooms = site.rooms().stream()
                .map(r -> new RoomConfig(r.name(), r.preview() ? "public" : "account", interval)).toList();
        // A local SMTP sink: alert mails really go over SMTP, and can be read at /api/demo/mail.
        GreenMail sink = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        MailConfig mail = new MailConfig(true, "127.0.0.1", sink.getSmtp().getPort(), "none", "", "", "roomwatch@demo.local",
                "http://127.0.0.1:" + (port == 0 ? 8080 : port), base.mail().digestInterval(), base.mail().perRecipientPerHour(),
                base.mail().maxAttempts(), base.mail().retryBackoff(), base.mail().timeout());
        RoomwatchConfig config = new RoomwatchConfig(base.elasticsearch(),
                base.database().withJdbcUrl("jdbc:h2:file:" + db.resolve("roomwatch") + ";AUTO_SERVER=TRUE"),
                base.crawler().withTelegramBaseUrl(site.baseUrl()).withRequestsPerSecondPerHost(20), base.media(), base.signals(), mail,
                demoAccounts(base.accounts(), db), demoSecurity(base.security()), new ApiConfig(base.api().host(), port), rooms,
                base.retention(), base.ocr());
        Roomwatch app;
        byte[] secret = new byte[15];
        new java.security.SecureRandom().nextBytes(secret);
        String adminPassword = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String adminToken;
        try {
            // The synthetic school registry goes in before the first crawl, so every message is tagged.
            try (ControlPlaneDatabase database = ControlPlaneDatabase.open(config.database())) {
                new JdbcSchoolRegistry(database.dataSource()).importAll(SchoolsCommand.sample());
                // A high-priority list so alerts, and their mails, appear within seconds of the first crawl.
                JdbcWatchlists lists = new JdbcWatchlists(database.dataSource());
                var list = lists.create("데모: 한빛여고", "demo", true, List.of("officer@demo.local"), "demo");
                lists.addRule(list.id(), RuleKind.SCHOOL, "9900001", null, "demo");
                lists.addRule(list.id(), RuleKind.TERM, "지인능욕", null, "demo");
                // The demo's admin: a random password and a personal API token, printed at start (nothing default).
                JdbcUsers users = new JdbcUsers(database.dataSource(), config.security().lockoutAfter(),
                        config.security().lockoutFor(), config.security().minPasswordLength());
                users.add(DEMO_ADMIN, Role.ADMIN, adminPassword, "demo");
                adminToken = users.createToken(DEMO_ADMIN, "demo").secret();
                // The demo's undercover account, logged in once as an admin would at the terminal.
                AccountLogin.Result login = AccountService.enrol(config.accounts(), accounts.tdlib(),
                        AccountKey.load(Map.of(), config.accounts().keyFile()), new JdbcCrawlAccounts(database.dataSource()),
                        "demo-undercover", new DemoPrompts(), "demo", java.time.Clock.systemUTC());
                if (login.outcome() != AccountLogin.Outcome.AUTHORIZED) {
                    throw new IllegalStateException("the demo account did not log in: " + login.detail());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while setting the demo up", e);
            }
            app = Roomwatch.start(config, Map.of("/api/demo/mail", () -> mailbox(sink)), c -> accounts.tdlib());
        } catch (RuntimeException e) {
            site.close();
            sink.stop();
            deleteQuietly(db);
            deleteQuietly(Path.of(config.accounts().filesDirectory()));
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
            // A hidden room gets a post now and then too; the account's session receives it as it happens.
            if (random.nextInt(3) == 0 && !hidden.isEmpty()) {
                SimRoom quiet = hidden.get(random.nextInt(hidden.size()));
                SimPost post = SyntheticRooms.nextPost(quiet, random, Instant.now());
                quiet.add(post);
                accounts.publish(quiet, post);
            }
        }, 10, 10, TimeUnit.SECONDS);
        return new Demo(site, app, feed, db, sink, Path.of(config.accounts().filesDirectory()), adminPassword, adminToken);
    }

    static final String DEMO_ADMIN = "demo-admin";
    private static final String DEMO_PHONE = "+82 10 0000 7777";
    private static final String DEMO_CODE = "12345";

    /** The demo's account settings: a simulated application, a throwaway key file and folders inside the demo's. */
    private static AccountsConfig demoAccounts(AccountsConfig base, Path demoDir) throws IOException {
        Path key = demoDir.resolve("tdlib.key");
        Files.writeString(key, java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path shm = Path.of("/dev/shm");
        Path files = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "roomwatch-demo-td")
                : demoDir.resolve("td-files");
        return new AccountsConfig(true, base.tdjson(), 1, "00000000000000000000000000000000", demoDir.resolve("accounts").toString(),
                key.toString(), files.toString(), 600, base.maxMessagesPerCrawl(), base.requestTimeout());
    }

    /** The demo runs on http://127.0.0.1: its session cookie cannot require HTTPS. */
    private static SecurityConfig demoSecurity(SecurityConfig base) {
        return new SecurityConfig(false, base.sessionIdle(), base.sessionAbsolute(), base.lockoutAfter(), base.lockoutFor(),
                base.minPasswordLength(), base.evidenceKeyFile());
    }

    /** The demo's admin at the terminal: the simulated number and code. */
    private static final class DemoPrompts implements AccountLogin.Prompts {
        @Override
        public String phone(String problem) {
            return DEMO_PHONE;
        }

        @Override
        public String code(String problem) {
            return DEMO_CODE;
        }

        @Override
        public String password(String hint, String problem) {
            return null;
        }
    }

    /** The demo admin's password, made up at start. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The demo admin's API token ({@code Authorization: Bearer ...}). */
    public String adminToken() {
        return adminToken;
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
        deleteQuietly(accountFiles);
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
