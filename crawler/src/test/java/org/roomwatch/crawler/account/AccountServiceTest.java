package org.roomwatch.crawler.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.core.CaptureStore;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomSnapshot;
import org.roomwatch.core.account.CrawlAccount;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.simulator.tdlib.FakeChat;
import org.roomwatch.simulator.tdlib.FakeTdlib;
import org.roomwatch.testkit.ControlPlaneExtension;

/** Enrolling accounts, restarting with them, approved joins and what is recorded, with a real H2 database. */
@ExtendWith(ControlPlaneExtension.class)
class AccountServiceTest {
    private static final String KIM = "+82 10 0000 0001";
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;
    private final FakeTdlib td = new FakeTdlib();
    private ControlPlaneDatabase db;
    private JdbcCrawlAccounts store;
    private AccountsConfig config;
    private final byte[] key = AccountKey.load(Map.of(ConfigLoader.TDLIB_KEY_VARIABLE, "a synthetic test key, long enough"), "");
    private final List<Message> captured = new ArrayList<>();
    private final CaptureStore capture = new CaptureStore() {
        public void writeRoom(Room room) {}
        public synchronized void writeMessages(List<Message> messages) {
            captured.addAll(messages);
        }
        public void writeDeletions(List<MessageDeletion> deletions) {}
    };

    @BeforeEach
    void setUp(ControlPlaneDatabase database) {
        db = database;
        store = new JdbcCrawlAccounts(db.dataSource());
        AccountsConfig d = new ConfigLoader().defaults().accounts();
        config = new AccountsConfig(true, d.tdjson(), 12345, "0123456789abcdef0123456789abcdef", dir.resolve("accounts").toString(),
                "", dir.resolve("files").toString(), 6000, 1000, Duration.ofSeconds(10));
        td.addAccount(KIM, 7001, "11111", "pw-synthetic");
        td.addUser(5001, "가명", "하나", null);
    }

    @AfterEach
    void tearDown() {
    }

    private AccountLogin.Result enrol(String name, String... answers) throws InterruptedException {
        return AccountService.enrol(config, td, key, store, name, new AccountLoginTest.Script(answers), "admin-park", Clock.systemUTC());
    }

    private AccountService start() throws InterruptedException {
        return AccountService.start(config, td, key, store, IngestPipeline.storing(capture), new ImageHasher(DecodeLimits.DEFAULT), new VideoHasher(), Clock.systemUTC());
    }

    @Test
    void anEnrolledAccountIsRecordedMaskedAndLogsInAloneAfterARestart() throws Exception {
        assertEquals(AccountLogin.Outcome.AUTHORIZED, enrol("kim", KIM, "11111", "pw-synthetic").outcome());
        CrawlAccount kim = store.find("kim").orElseThrow();
        assertEquals("+82 •••• 0001", kim.phoneMasked());
        assertEquals(CrawlAccount.State.AUTHORIZED, kim.state());
        assertEquals("admin-park", kim.addedBy());
        assertTrue(Files.exists(dir.resolve("accounts/kim")), "the account's own TDLib database");

        try (AccountService service = start()) {
            assertEquals(List.of("kim"), service.pool().statuses().stream()
                    .filter(s -> s.state() == CrawlAccount.State.AUTHORIZED).map(AccountPool.Status::account).toList());
        }
    }

    @Test
    void aBadAccountNameOrMissingApplicationIsRefusedBeforeTelegramIsAsked() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> enrol("Kim/../x", KIM));
        assertTrue(name.getMessage().contains("lower-case"), name.getMessage());
        config = new AccountsConfig(true, config.tdjson(), 0, "", config.dataDirectory(), "", config.filesDirectory(), 30, 100,
                Duration.ofSeconds(10));
        IllegalStateException app = assertThrows(IllegalStateException.class, () -> enrol("kim", KIM));
        assertTrue(app.getMessage().contains("my.telegram.org"), app.getMessage());
        assertEquals(0, td.requestsServed());
    }

    @Test
    void aRevokedSessionIsRecordedLoggedOutAndABannedAccountIsLeftOut() throws Exception {
        enrol("kim", KIM, "11111", "pw-synthetic");
        td.revoke(KIM);
        try (AccountService service = start()) {
            assertEquals(List.of(), service.pool().statuses());
        }
        CrawlAccount kim = store.find("kim").orElseThrow();
        assertEquals(CrawlAccount.State.LOGGED_OUT, kim.state());
        assertTrue(kim.detail().contains("accounts add"), kim.detail());

        store.setState("kim", CrawlAccount.State.BANNED, "banned in a test", null);
        int before = td.requestsServed();
        try (AccountService service = start()) {
            assertEquals(List.of(), service.pool().statuses());
        }
        assertEquals(before, td.requestsServed(), "a banned account is not even started");
    }

    @Test
    void anApprovedJoinIsRecordedAndTheRoomIsReadAfterARestart() throws Exception {
        enrol("kim", KIM, "11111", "pw-synthetic");
        FakeChat secret = td.addChat(-1_000_000_000_505L, null, "초대 방", false, 9);
        secret.backfill(List.of(FakeChat.Post.text(5001, "초대 방 글", T0)));
        td.addInvite("https://t.me/+fakeJoin", secret.id(), false);
        td.addInvite("https://t.me/+fakeAskJoin", secret.id(), true);

        try (AccountService service = start()) {
            assertThrows(IllegalArgumentException.class, () -> service.joinRoom("https://t.me/+fakeJoin", "../c505", "kim", "analyst-lee"));
            assertThrows(IllegalArgumentException.class, () -> service.joinRoom("https://t.me/+fakeJoin", "c505join", "kim", " "));
            AccountService.JoinResult asked = service.joinRoom("https://t.me/+fakeAskJoin", "c505ask", "kim", "analyst-lee");
            assertEquals(AccountGateway.JoinOutcome.REQUEST_SENT, asked.outcome());
            AccountService.JoinResult joined = service.joinRoom("https://t.me/+fakeJoin", "c505join", "kim", "analyst-lee");
            assertEquals(AccountGateway.JoinOutcome.JOINED, joined.outcome());
            AccountService.JoinResult gone = service.joinRoom("https://t.me/+noSuchLink", "c505gone", null, "analyst-lee");
            assertEquals(AccountGateway.JoinOutcome.DECLINED, gone.outcome());
            assertTrue(gone.detail().contains("INVITE_HASH_INVALID"), gone.detail());
        }
        List<JdbcCrawlAccounts.InviteDecision> decisions = store.decisions();
        assertEquals(List.of("REQUEST_SENT", "JOINED", "DECLINED"), decisions.stream().map(JdbcCrawlAccounts.InviteDecision::outcome).toList());
        assertTrue(decisions.stream().allMatch(d -> d.approvedBy().equals("analyst-lee")));
        assertEquals(List.of(new JdbcCrawlAccounts.Assignment("c505join", "kim", secret.id(), null)), store.assignments());

        try (AccountService service = start()) {
            RoomSnapshot snapshot = service.source().fetch("c505join", CrawlPosition.START);
            assertEquals(List.of("초대 방 글"), snapshot.messages().stream().map(Message::text).toList());
            assertEquals("https://t.me/c/505/1", snapshot.messages().get(0).permalink());
        }
    }

    @Test
    void aRateLimitIsSavedWithItsEnd() throws Exception {
        enrol("kim", KIM, "11111", "pw-synthetic");
        td.addChat(-1_000_000_000_606L, "public_wait_room", "공개 방", false, 5).backfill(List.of(FakeChat.Post.text(5001, "글", T0)));
        try (AccountService service = start()) {
            td.failNext(KIM, "searchPublicChat", 429, "Too Many Requests: retry after 5400");
            assertThrows(org.roomwatch.core.SourceException.class,
                    () -> service.source().fetch("public_wait_room", CrawlPosition.START));
            service.saveStates();
        }
        CrawlAccount kim = store.find("kim").orElseThrow();
        assertEquals(CrawlAccount.State.RATE_LIMITED, kim.state());
        assertTrue(kim.rateLimitedUntil().isAfter(Instant.now().plusSeconds(5000)), String.valueOf(kim.rateLimitedUntil()));
    }

    @Test
    void theDatabaseKeyComesFromTheEnvironmentOrAPrivateFileNeverTooShort() throws Exception {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> AccountKey.load(Map.of(), ""));
        assertTrue(none.getMessage().contains("ROOMWATCH_TDLIB_KEY"), none.getMessage());
        IllegalStateException shortKey = assertThrows(IllegalStateException.class,
                () -> AccountKey.load(Map.of(ConfigLoader.TDLIB_KEY_VARIABLE, "short"), ""));
        assertTrue(shortKey.getMessage().contains("at least 16"), shortKey.getMessage());
        Path file = dir.resolve("tdlib.key");
        Files.writeString(file, "a synthetic test key, long enough\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException open = assertThrows(IllegalStateException.class, () -> AccountKey.load(Map.of(), file.toString()));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(32, AccountKey.load(Map.of(), file.toString()).length);
        assertEquals(java.util.HexFormat.of().formatHex(key), java.util.HexFormat.of().formatHex(AccountKey.load(Map.of(), file.toString())),
                "the same secret gives the same key from either place");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> AccountKey.load(Map.of(), dir.resolve("nope.key").toString()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
