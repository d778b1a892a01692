package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.core.CaptureStore;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.ingest.IngestPipeline;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.crawler.account.AccountKey;
import org.roomwatch.crawler.account.AccountLogin;
import org.roomwatch.crawler.account.AccountService;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.simulator.tdlib.FakeChat;
import org.roomwatch.simulator.tdlib.FakeTdlib;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/** The account routes over real HTTP, with the real account service on the fake TDLib and a real H2 database. */
@ExtendWith(ControlPlaneExtension.class)
class AccountApiTest {
    private static final String KIM = "+82 10 0000 0001";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final InMemoryWatcher watcher = new InMemoryWatcher();
    private final FakeTdlib td = new FakeTdlib();
    private Path dir;
    private ControlPlaneDatabase db;
    private AccountService accounts;
    private JdbcDiscoveredRooms discovered;
    private ApiServer server;
    private String base;
    private FakeChat secret;

    @BeforeEach
    void start(ControlPlaneDatabase database) throws Exception {
        dir = Files.createTempDirectory("rw-accounts-api");
        db = database;
        JdbcCrawlAccounts store = new JdbcCrawlAccounts(db.dataSource());
        AccountsConfig d = new ConfigLoader().defaults().accounts();
        AccountsConfig config = new AccountsConfig(true, d.tdjson(), 12345, "0123456789abcdef0123456789abcdef",
                dir.resolve("accounts").toString(), "", dir.resolve("files").toString(), 6000, 1000, Duration.ofSeconds(10));
        byte[] key = AccountKey.load(Map.of(ConfigLoader.TDLIB_KEY_VARIABLE, "a synthetic test key, long enough"), "");
        td.addAccount(KIM, 7001, "11111", null);
        secret = td.addChat(-1_000_000_000_707L, null, "한빛 비밀방", false, 40);
        td.addInvite("https://t.me/+fakeApiJoin1", secret.id(), false);
        td.addInvite("https://t.me/+fakeApiAsk12", secret.id(), true);
        AccountLogin.Result enrolled = AccountService.enrol(config, td, key, store, "kim",
                new ScriptedPrompts(KIM, "11111"), "admin-park", Clock.systemUTC());
        assertEquals(AccountLogin.Outcome.AUTHORIZED, enrolled.outcome(), enrolled.detail());
        CaptureStore nowhere = new CaptureStore() {
            public void writeRoom(Room room) {}
            public void writeMessages(List<Message> messages) {}
            public void writeDeletions(List<MessageDeletion> deletions) {}
        };
        accounts = AccountService.start(config, td, key, store, IngestPipeline.storing(nowhere), new ImageHasher(DecodeLimits.DEFAULT), new VideoHasher(), Clock.systemUTC());
        discovered = new JdbcDiscoveredRooms(db.dataSource());
        SearchService unused = null;
        server = new ApiServer(unused, watcher, () -> true).withDiscovered(discovered).withAccounts(accounts).withoutSecurityForRouteTests().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        accounts.close();
    }

    /** The person at the terminal, answering from a list. */
    record ScriptedPrompts(String phone, String code) implements AccountLogin.Prompts {
        public String phone(String problem) {
            return phone;
        }

        public String code(String problem) {
            return code;
        }

        public String password(String hint, String problem) {
            return null;
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void accountsAreListedWithoutTheirNumbers() throws Exception {
        HttpResponse<String> list = send("GET", "/api/accounts", null);
        assertEquals(200, list.statusCode());
        JsonNode kim = json.readTree(list.body()).get("accounts").get(0);
        assertEquals("kim", kim.get("account").asText());
        assertEquals("AUTHORIZED", kim.get("state").asText());
        assertTrue(!list.body().contains("0000 0001") && !list.body().contains("00000001"), list.body());
    }

    @Test
    void anInviteIsLookedAtThenJoinedWithWhoApprovedAndWatched() throws Exception {
        HttpResponse<String> check = send("POST", "/api/accounts/invites/check", "{\"link\": \"https://t.me/+fakeApiJoin1\"}");
        assertEquals(200, check.statusCode(), check.body());
        JsonNode look = json.readTree(check.body());
        assertEquals("valid", look.get("status").asText());
        assertEquals("한빛 비밀방", look.get("title").asText());
        assertEquals(40, look.get("members").asInt());

        HttpResponse<String> join = send("POST", "/api/accounts/invites/join",
                "{\"link\": \"https://t.me/+fakeApiJoin1\", \"room\": \"c_hanbit_secret\", \"by\": \"분석관 이\", \"interval\": \"2m\"}");
        assertEquals(200, join.statusCode(), join.body());
        assertEquals("joined", json.readTree(join.body()).get("outcome").asText());
        assertEquals("c_hanbit_secret", watcher.watched().get(0).name());
        assertEquals(SourceKind.ACCOUNT, watcher.watched().get(0).source());
        assertEquals("분석관 이", new JdbcCrawlAccounts(db.dataSource()).decisions().get(0).approvedBy());

        HttpResponse<String> ask = send("POST", "/api/accounts/invites/join",
                "{\"link\": \"https://t.me/+fakeApiAsk12\", \"room\": \"c_hanbit_ask\", \"by\": \"분석관 이\"}");
        assertEquals(202, ask.statusCode(), ask.body());
        assertEquals("request_sent", json.readTree(ask.body()).get("outcome").asText());
        assertEquals(1, watcher.watched().size(), "a pending request is not watched yet");

        HttpResponse<String> gone = send("POST", "/api/accounts/invites/join",
                "{\"link\": \"https://t.me/+fakeNoSuchOne\", \"room\": \"c_gone_room\", \"by\": \"분석관 이\"}");
        assertEquals(409, gone.statusCode(), gone.body());
        assertTrue(gone.body().contains("INVITE_HASH_INVALID"), gone.body());
    }

    @Test
    void aJoinedRoomIsLeftOnAnAnalystsDecisionAndNoLongerWatched() throws Exception {
        assertEquals(200, send("POST", "/api/accounts/invites/join",
                "{\"link\": \"https://t.me/+fakeApiJoin1\", \"room\": \"c_hanbit_secret\", \"by\": \"분석관 이\"}").statusCode());
        assertTrue(secret.isMember(7001));
        assertEquals(400, send("POST", "/api/accounts/rooms/c_hanbit_secret/leave", "{}").statusCode());
        HttpResponse<String> unknown = send("POST", "/api/accounts/rooms/c_never_joined/leave", "{\"by\": \"분석관 이\"}");
        assertEquals(409, unknown.statusCode(), unknown.body());

        HttpResponse<String> left = send("POST", "/api/accounts/rooms/c_hanbit_secret/leave", "{\"by\": \"분석관 이\"}");
        assertEquals(200, left.statusCode(), left.body());
        assertEquals("left", json.readTree(left.body()).get("outcome").asText());
        assertEquals(List.of(), watcher.watched());
        assertEquals(List.of("JOINED", "LEFT"), new JdbcCrawlAccounts(db.dataSource()).decisions().stream()
                .map(JdbcCrawlAccounts.InviteDecision::outcome).toList());
        assertTrue(!secret.isMember(7001), "the account left the room in Telegram too");
    }

    @Test
    void badJoinRequestsAreRefusedNamingWhatIsWrong() throws Exception {
        for (String[] c : new String[][] {
                {"{\"link\": \"https://evil.example/+x\", \"room\": \"c_room\", \"by\": \"a\"}", "link"},
                {"{\"link\": \"https://t.me/+fakeApiJoin1\", \"room\": \"../etc\", \"by\": \"a\"}", "room"},
                {"{\"link\": \"https://t.me/+fakeApiJoin1\", \"room\": \"c_room\"}", "by"},
                {"{\"link\": \"https://t.me/+fakeApiJoin1\", \"by\": \"a\"}", "room"},
                {"{\"link\": \"https://t.me/+fakeApiJoin1\", \"room\": \"c_room\", \"by\": \"a\", \"interval\": \"often\"}", "interval"}}) {
            HttpResponse<String> r = send("POST", "/api/accounts/invites/join", c[0]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertEquals(c[1], json.readTree(r.body()).path("parameter").asText(), r.body());
        }
        assertEquals(400, send("POST", "/api/accounts/invites/check", "not json").statusCode());
        assertEquals(List.of(), new JdbcCrawlAccounts(db.dataSource()).decisions(), "nothing refused reached Telegram");
    }

    @Test
    void aDiscoveredInviteIsJoinedFromTheTriageQueue() throws Exception {
        discovered.record("telegram:+fakeApiJoin1", "telegram", true, "+fakeApiJoin1", "telegram:a:9",
                "https://t.me/+fakeApiJoin1", Instant.parse("2026-08-01T00:00:00Z"));
        HttpResponse<String> missingName = send("POST", "/api/discovered/" + URLEncoder.encode("telegram:+fakeApiJoin1",
                StandardCharsets.UTF_8) + "/watch", "{\"by\": \"분석관 김\"}");
        assertEquals(400, missingName.statusCode(), missingName.body());
        HttpResponse<String> watch = send("POST", "/api/discovered/" + URLEncoder.encode("telegram:+fakeApiJoin1",
                StandardCharsets.UTF_8) + "/watch", "{\"by\": \"분석관 김\", \"room\": \"c_from_triage\"}");
        assertEquals(200, watch.statusCode(), watch.body());
        assertEquals("watching", json.readTree(watch.body()).get("status").asText());
        assertEquals("c_from_triage", watcher.watched().get(0).name());
        assertEquals(SourceKind.ACCOUNT, watcher.watched().get(0).source());
    }
}
