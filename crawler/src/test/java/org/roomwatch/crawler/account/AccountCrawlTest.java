package org.roomwatch.crawler.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.account.CrawlAccount;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.simulator.SyntheticPictures;
import org.roomwatch.simulator.SyntheticVideos;
import org.roomwatch.simulator.tdlib.FakeChat;
import org.roomwatch.simulator.tdlib.FakeTdlib;
import org.roomwatch.testkit.ControlPlaneExtension;

/**
 * Rooms read through accounts, end to end: the fake TDLib, the real session, gateway and account source, the real
 * RoomCrawler with positions in H2, and the real index. Backfill in pieces, photos hashed and their files gone, rate
 * limits, bans, kicks and invite links.
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
class AccountCrawlTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final String KIM = "+82 10 0000 0001";
    private static final String LEE = "+82 10 0000 0002";
    private static final byte[] KEY = "synthetic-test-key-32-bytes-long".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final FakeTdlib td = new FakeTdlib();
    private TdClients clients;
    private ControlPlaneDatabase db;
    private JdbcRoomRegistry registry;
    private ElasticsearchClient client;
    private IndexNames names;
    private BulkMessageWriter writer;
    private AccountPool pool;
    private AccountRoomSource source;
    private RoomCrawler crawler;
    private FakeChat leaks;

    @BeforeEach
    void setUp(TestIndices indices, ControlPlaneDatabase database) throws Exception {
        td.addAccount(KIM, 7001, "11111", null);
        td.addAccount(LEE, 7002, "22222", null);
        td.addUser(5001, "가명", "하나", "fake_poster_1");
        td.addUser(5002, "가명", "둘", null);
        td.historyPageCap(40); // TDLib answers fewer than asked
        leaks = td.addChat(-1_000_000_000_101L, "hanbit_leaks", "한빛여고 자료방", false, 120);
        List<FakeChat.Post> history = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            Instant at = T0.plusSeconds(i * 60L);
            FakeChat.Post post = i % 25 == 0
                    ? FakeChat.Post.photo(5001, "사진 " + i, SyntheticPictures.png(i % 3, false), at)
                    : new FakeChat.Post(i % 2 == 0 ? 5001 : 5002, "한빛여자고등학교 글 " + i + " https://t.me/+fakeInvite" + i,
                    null, i % 7 == 0 ? "어딘가의 채널" : null, i > 1 && i % 5 == 0 ? (long) i - 1 : null, i * 3, at);
            history.add(post);
        }
        leaks.backfill(history);

        clients = new TdClients(td);
        db = database;
        registry = new JdbcRoomRegistry(db.dataSource());
        client = indices.client();
        names = indices.names();
        writer = new BulkMessageWriter(client, names, new MessageEnricher(), new ConfigLoader().defaults().elasticsearch());
        pool = new AccountPool(Clock.systemUTC());
        source = new AccountRoomSource(pool, new ImageHasher(DecodeLimits.DEFAULT), new VideoHasher(), 100, Clock.systemUTC());
        crawler = new RoomCrawler(registry, Map.of(SourceKind.ACCOUNT, source), IngestPipeline.storing(writer), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        writer.close();
        clients.close();
    }

    private AccountGateway logIn(String name, String phone, String code) throws InterruptedException {
        TdSession session = clients.open(name);
        AccountLogin.Result result = new AccountLogin(session, TdRequests.tdlibParameters(dir.resolve(name + "/db"),
                files(name), KEY, 12345, "0123456789abcdef0123456789abcdef"), Duration.ofSeconds(10))
                .run(new AccountLoginTest.Script(phone, code));
        assertEquals(AccountLogin.Outcome.AUTHORIZED, result.outcome(), result.detail());
        AccountGateway gateway = new AccountGateway(session, name, 6000, Duration.ofSeconds(10), Clock.systemUTC());
        pool.add(gateway);
        return gateway;
    }

    private Path files(String account) {
        return dir.resolve(account + "/files");
    }

    private long count() throws IOException {
        client.indices().refresh(r -> r.index(names.messages()));
        return client.count(c -> c.index(names.messages())).count();
    }

    @SuppressWarnings("rawtypes")
    private Map doc(long messageId) throws IOException {
        client.indices().refresh(r -> r.index(names.messages()));
        SearchResponse<Map> r = client.search(s -> s.index(names.messages())
                .query(q -> q.term(t -> t.field("message_id").value(messageId))), Map.class);
        assertEquals(1, r.hits().hits().size(), "message " + messageId);
        return r.hits().hits().get(0).source();
    }

    @Test
    void aLongRoomIsBackfilledInPiecesWithNothingSkippedThenNewMessagesFollow() throws Exception {
        logIn("kim", KIM, "11111");
        registry.put(new WatchedRoom("hanbit_leaks", SourceKind.ACCOUNT, Duration.ofMinutes(5)));

        RoomCrawler.Outcome first = crawler.crawl("hanbit_leaks");
        assertTrue(first.ok(), first.summary());
        assertEquals(100, first.stored());
        assertEquals(new CrawlPosition(0, 250, 151), registry.position("hanbit_leaks"));
        crawler.crawl("hanbit_leaks");
        RoomCrawler.Outcome third = crawler.crawl("hanbit_leaks");
        assertEquals(50, third.stored(), third.summary());
        assertEquals(new CrawlPosition(250, 0, 0), registry.position("hanbit_leaks"));
        assertEquals(250, count());

        leaks.post(FakeChat.Post.text(5002, "새 글 251", T0.plusSeconds(99_999)));
        RoomCrawler.Outcome fourth = crawler.crawl("hanbit_leaks");
        assertEquals(1, fourth.stored(), fourth.summary());
        assertEquals(251, count());

        // The same records as the public pages give, plus the sender's id.
        Map<?, ?> reply = doc(70);
        assertEquals("https://t.me/hanbit_leaks/70", reply.get("permalink"));
        assertEquals("user:5001", reply.get("sender_id"));
        assertEquals("가명 하나 (@fake_poster_1)", reply.get("author"));
        assertEquals(69, ((Number) reply.get("reply_to")).longValue());
        assertEquals("어딘가의 채널", reply.get("forwarded_from"));
        assertEquals(210, ((Number) reply.get("views")).longValue());
        assertEquals("account:kim", reply.get("seen_through"));
        assertEquals(List.of("한빛여자고등학교"), reply.get("school_candidates"), "tagged like any message: " + reply);

        Map<?, ?> photo = doc(50);
        List<?> media = (List<?>) photo.get("media");
        assertEquals(1, media.size());
        assertNotNull(((Map<?, ?>) media.get(0)).get("pdq"), "the photo was hashed: " + media);
        assertEquals(List.of(), FakeTdlib.filesUnder(files("kim")), "no downloaded photo stays in TDLib's files");
    }

    @Test
    void aRateLimitKeepsTheCursorRestsTheAccountAndAnotherAccountTakesOver() throws Exception {
        logIn("kim", KIM, "11111");
        registry.put(new WatchedRoom("hanbit_leaks", SourceKind.ACCOUNT, Duration.ofMinutes(5)));
        td.failNext(KIM, "getChatHistory", 429, "Too Many Requests: retry after 3600");

        RoomCrawler.Outcome limited = crawler.crawl("hanbit_leaks");
        assertFalse(limited.ok());
        assertTrue(limited.summary().contains("slow down"), limited.summary());
        assertEquals(CrawlPosition.START, registry.position("hanbit_leaks"));
        AccountPool.Status kim = pool.statuses().get(0);
        assertEquals(CrawlAccount.State.RATE_LIMITED, kim.state());
        assertTrue(kim.restingUntil().isAfter(Instant.now().plusSeconds(3500)), kim.toString());
        int served = td.requestsServed();
        assertFalse(crawler.crawl("hanbit_leaks").ok(), "a resting account fails fast");
        assertEquals(served, td.requestsServed(), "without asking Telegram");

        logIn("lee", LEE, "22222");
        RoomCrawler.Outcome taken = crawler.crawl("hanbit_leaks");
        assertTrue(taken.ok(), taken.summary());
        assertEquals("account:lee", doc(250).get("seen_through"));
    }

    @Test
    void aBannedAccountsRoomMovesAndTheBackfillGoesOnWhereItStopped() throws Exception {
        logIn("kim", KIM, "11111");
        logIn("lee", LEE, "22222");
        registry.put(new WatchedRoom("hanbit_leaks", SourceKind.ACCOUNT, Duration.ofMinutes(5)));
        assertTrue(crawler.crawl("hanbit_leaks").ok());
        String first = pool.statuses().stream().filter(s -> !s.rooms().isEmpty()).findFirst().orElseThrow().account();
        td.ban(first.equals("kim") ? KIM : LEE);

        RoomCrawler.Outcome banned = crawler.crawl("hanbit_leaks");
        assertFalse(banned.ok());
        assertTrue(banned.summary().contains("banned"), banned.summary());
        assertEquals(new CrawlPosition(0, 250, 151), registry.position("hanbit_leaks"), "the cursor stays");
        assertEquals(CrawlAccount.State.BANNED, pool.statuses().stream().filter(s -> s.account().equals(first))
                .findFirst().orElseThrow().state());

        assertTrue(crawler.crawl("hanbit_leaks").ok());
        assertTrue(crawler.crawl("hanbit_leaks").ok());
        assertEquals(new CrawlPosition(250, 0, 0), registry.position("hanbit_leaks"));
        assertEquals(250, count(), "every message once, none lost");
    }

    @Test
    void aPrivateRoomJoinedByAnApprovedInviteIsReadUntilTheAccountIsKicked() throws Exception {
        AccountGateway kim = logIn("kim", KIM, "11111");
        FakeChat secret = td.addChat(-1_000_000_000_202L, null, "비공개 방", false, 30);
        secret.backfill(List.of(FakeChat.Post.text(5001, "비공개 글 1", T0), FakeChat.Post.text(5002, "비공개 글 2", T0.plusSeconds(60))));
        td.addInvite("https://t.me/+fakeSecret", secret.id(), false);
        td.addInvite("https://t.me/+fakeAsk", secret.id(), true);

        AccountGateway.InviteInfo info = kim.inspectInvite("https://t.me/+fakeSecret");
        assertEquals(InviteStatus.VALID, info.status());
        assertEquals("비공개 방", info.title());
        assertEquals(30, info.members());
        assertFalse(info.joinRequest());
        assertEquals(0, info.chatIdIfMember());
        assertTrue(kim.inspectInvite("https://t.me/+fakeAsk").joinRequest());
        td.expireInvite("https://t.me/+fakeAsk");
        AccountGateway.InviteInfo expired = kim.inspectInvite("https://t.me/+fakeAsk");
        assertEquals(InviteStatus.EXPIRED_OR_INVALID, expired.status());
        assertTrue(expired.detail().contains("INVITE_HASH_EXPIRED"), expired.detail());

        assertEquals(AccountGateway.JoinOutcome.JOINED, kim.join("https://t.me/+fakeSecret"));
        source.bind("c202secret", secret.id());
        pool.assign("c202secret", "kim");
        registry.put(new WatchedRoom("c202secret", SourceKind.ACCOUNT, Duration.ofMinutes(5)));
        assertTrue(crawler.crawl("c202secret").ok());
        assertEquals("https://t.me/c/202/2", doc(2).get("permalink"));

        secret.post(FakeChat.Post.text(5001, "비공개 글 3", T0.plusSeconds(120)));
        secret.kick(7001);
        RoomCrawler.Outcome kicked = crawler.crawl("c202secret");
        assertFalse(kicked.ok());
        assertTrue(kicked.summary().contains("cannot read this room"), kicked.summary());
        assertEquals(2, registry.position("c202secret").cursor(), "the cursor stays below the unread message");
        assertNull(pool.statuses().get(0).restingUntil());
    }

    @Test
    void aJoinThatNeedsApprovalIsRecordedAsARequest() throws Exception {
        AccountGateway kim = logIn("kim", KIM, "11111");
        FakeChat asked = td.addChat(-1_000_000_000_303L, null, "승인 방", false, 10);
        td.addInvite("https://t.me/+fakeAsk2", asked.id(), true);
        assertEquals(AccountGateway.JoinOutcome.REQUEST_SENT, kim.join("https://t.me/+fakeAsk2"));
        assertTrue(asked.hasJoinRequestFrom(7001));
    }

    /** Waits for something another thread does (TDLib updates are handled on the session's thread). */
    private static void eventually(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 20 s: " + what);
    }

    @Test
    void newMessagesEditsDeletionsAndTitleChangesAreStoredAsTheyHappen() throws Exception {
        AccountGateway kim = logIn("kim", KIM, "11111");
        FakeChat secret = td.addChat(-1_000_000_000_404L, null, "실시간 방", false, 12);
        secret.backfill(List.of(FakeChat.Post.text(5001, "처음 글", T0)));
        td.addInvite("https://t.me/+fakeLive", secret.id(), false);
        assertEquals(AccountGateway.JoinOutcome.JOINED, kim.join("https://t.me/+fakeLive"));
        source.bind("c404live", secret.id());
        pool.assign("c404live", "kim");
        registry.put(new WatchedRoom("c404live", SourceKind.ACCOUNT, Duration.ofMinutes(5)));
        assertTrue(crawler.crawl("c404live").ok());
        AccountLive.attach(kim, source, IngestPipeline.storing(writer), Clock.systemUTC());

        long photo = secret.post(FakeChat.Post.photo(5002, "새 사진", SyntheticPictures.png(7, true), T0.plusSeconds(60)));
        long text = secret.post(FakeChat.Post.text(5001, "고치기 전", T0.plusSeconds(120)));
        eventually("both new messages indexed", () -> count() == 3);
        assertNotNull(((Map<?, ?>) ((List<?>) doc(photo).get("media")).get(0)).get("pdq"));
        assertEquals(List.of(), FakeTdlib.filesUnder(files("kim")), "the live photo's file is gone too");

        secret.edit(text, "고친 뒤", T0.plusSeconds(180));
        eventually("the edit indexed", () -> "고친 뒤".equals(doc(text).get("text")));
        client.indices().refresh(r -> r.index(names.messageVersions()));
        assertEquals(2, client.count(c -> c.index(names.messageVersions())
                .query(q -> q.term(t -> t.field("message").value("telegram:c404live:" + text)))).count(), "both versions kept");

        secret.delete(photo);
        eventually("the deletion recorded", () -> doc(photo).get("deleted_at") != null);
        assertEquals("새 사진", doc(photo).get("text"), "what was captured stays");

        secret.retitle("바뀐 제목 방");
        eventually("the new title recorded", () -> {
            client.indices().refresh(r -> r.index(names.roomVersions()));
            return client.count(c -> c.index(names.roomVersions())).count() == 2;
        });
        assertEquals(1, registry.position("c404live").cursor(), "live writes leave the cursor to the crawl");
        RoomCrawler.Outcome catchUp = crawler.crawl("c404live");
        assertTrue(catchUp.ok(), catchUp.summary());
        assertEquals(3, registry.position("c404live").cursor());
        assertEquals(3, count(), "the catch-up finds nothing new to add");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKindOfVideoTdlibSendsIsHashedAndItsFileGoneAtOnce() throws Exception {
        AccountGateway kim = logIn("kim", KIM, "11111");
        FakeChat room = td.addChat(-1_000_000_000_505L, null, "영상 방", false, 12);
        byte[] clip = SyntheticVideos.posted(3, false);
        room.backfill(List.of(
                FakeChat.Post.video(5001, "영상", clip, "messageVideo", T0),
                FakeChat.Post.video(5001, "움짤", SyntheticVideos.posted(3, true), "messageAnimation", T0.plusSeconds(60)),
                FakeChat.Post.video(5002, null, clip, "messageVideoNote", T0.plusSeconds(120)),
                FakeChat.Post.video(5002, "파일로", clip, "messageDocument", T0.plusSeconds(180)),
                FakeChat.Post.video(5002, "깨진 영상", "<html>error</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "messageVideo", T0.plusSeconds(240))));
        td.addInvite("https://t.me/+fakeVideos", room.id(), false);
        assertEquals(AccountGateway.JoinOutcome.JOINED, kim.join("https://t.me/+fakeVideos"));
        source.bind("c505videos", room.id());
        pool.assign("c505videos", "kim");
        registry.put(new WatchedRoom("c505videos", SourceKind.ACCOUNT, Duration.ofMinutes(5)));
        RoomCrawler.Outcome outcome = crawler.crawl("c505videos");
        assertTrue(outcome.ok(), outcome.summary());
        assertEquals(5, count());

        String clipSha = org.roomwatch.media.MediaDigests.of(clip).sha256();
        for (int n = 1; n <= 5; n++) {
            Map<String, Object> item = (Map<String, Object>) ((List<?>) doc(n).get("media")).get(0);
            assertEquals("video", item.get("kind"), "message " + n);
            if (n == 2) {
                assertNotNull(item.get("sha256"), "the re-encoded animation is hashed");
            } else if (n == 5) {
                assertTrue(String.valueOf(item.get("unhashed")).contains("cannot read it as a video"), String.valueOf(item));
            } else {
                assertEquals(clipSha, item.get("sha256"), "message " + n + " carries the same clip");
            }
        }
        client.indices().refresh(r -> r.index(names.media()));
        assertEquals(2, client.count(c -> c.index(names.media()).query(q -> q.term(t -> t.field("kind").value("video")))).count(),
                "one document per distinct video");
        assertEquals(List.of(), FakeTdlib.filesUnder(files("kim")), "every downloaded video is deleted once hashed");
    }
}
