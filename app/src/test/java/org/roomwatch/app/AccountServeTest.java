package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcCrawlAccounts;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.account.TdJson;
import org.roomwatch.core.config.AccountsConfig;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.crawler.account.AccountKey;
import org.roomwatch.crawler.account.AccountLogin;
import org.roomwatch.crawler.account.AccountService;
import org.roomwatch.simulator.SyntheticPictures;
import org.roomwatch.simulator.tdlib.FakeChat;
import org.roomwatch.simulator.tdlib.FakeTdlib;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

/**
 * 'roomwatch serve' with accounts on: the stored account logs in from its encrypted database without anyone typing,
 * a room configured with source 'account' is crawled by the scheduler through it, and its messages are searchable.
 */
@ExtendWith(ElasticsearchExtension.class)
class AccountServeTest {
    private static final String PHONE = "+82 10 0000 0042";
    @TempDir
    Path dir;
    private final FakeTdlib td = new FakeTdlib();
    private final Function<AccountsConfig, TdJson> realTdlib = AccountsCommand.tdlib;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void tearDown() {
        AccountsCommand.tdlib = realTdlib;
    }

    private String token;

    private JsonNode get(int port, String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aHiddenRoomIsCrawledThroughTheStoredAccount(TestNode node) throws Exception {
        td.addAccount(PHONE, 7042, "13579", null);
        td.addUser(5001, "가명", "셋", null);
        FakeChat hidden = td.addChat(-1_000_000_000_808L, "hidden_room_z", "숨은 방", false, 77);
        List<FakeChat.Post> posts = new ArrayList<>();
        Instant t0 = Instant.parse("2026-09-01T00:00:00Z");
        for (int i = 1; i <= 30; i++) {
            posts.add(i % 10 == 0 ? FakeChat.Post.photo(5001, "숨은 사진 " + i, SyntheticPictures.png(i, false), t0.plusSeconds(i))
                    : FakeChat.Post.text(5001, "한빛여자고등학교 숨은 글 " + i, t0.plusSeconds(i)));
        }
        hidden.backfill(posts);
        AccountsCommand.tdlib = c -> td;

        Path key = dir.resolve("tdlib.key");
        Files.writeString(key, "a synthetic test key, long enough");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path file = dir.resolve("roomwatch.yml");
        // Plain http on loopback: a Secure session cookie would never come back.
        Files.writeString(file, "rooms:\n  - name: hidden_room_z\n    source: account\n    interval: 2s\nsecurity:\n  cookieSecure: false\n");
        RoomwatchConfig config = new ConfigLoader().load(file, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix() + "acct-",
                "ROOMWATCH_DATABASE_JDBCURL", "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE",
                "ROOMWATCH_API_PORT", "0",
                "ROOMWATCH_ACCOUNTS_ENABLED", "true",
                "ROOMWATCH_ACCOUNTS_APIID", "12345",
                "ROOMWATCH_ACCOUNTS_APIHASH", "0123456789abcdef0123456789abcdef",
                "ROOMWATCH_ACCOUNTS_DATADIRECTORY", dir.resolve("accounts").toString(),
                "ROOMWATCH_ACCOUNTS_FILESDIRECTORY", dir.resolve("files").toString(),
                "ROOMWATCH_ACCOUNTS_KEYFILE", key.toString()));
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(config.database())) {
            AccountLogin.Result enrolled = AccountService.enrol(config.accounts(), td,
                    AccountKey.load(Map.of(), key.toString()), new JdbcCrawlAccounts(db.dataSource()), "unit3-a",
                    new AccountLogin.Prompts() {
                        public String phone(String problem) {
                            return PHONE;
                        }

                        public String code(String problem) {
                            return "13579";
                        }

                        public String password(String hint, String problem) {
                            return null;
                        }
                    }, "admin-park", Clock.systemUTC());
            assertEquals(AccountLogin.Outcome.AUTHORIZED, enrolled.outcome(), enrolled.detail());
            JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
            users.add("admin-park", Role.ADMIN, "a synthetic passphrase", "test");
            users.add("walk-investigator", Role.INVESTIGATOR, "a synthetic passphrase", "test");
            users.add("walk-analyst", Role.ANALYST, "a synthetic passphrase", "test");
            token = users.createToken("admin-park", "test").secret();
        }

        try (Roomwatch app = Roomwatch.start(config)) {
            assertEquals(List.of(), app.api().routesWithoutAccessRule(), "every route of the full server has an access rule");
            int port = app.apiPort();
            JsonNode found = null;
            for (int i = 0; i < 120; i++) {
                found = get(port, "/api/messages?room=hidden_room_z&size=50");
                if (found.path("total").asInt() == 30) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(30, found.path("total").asInt(), "all 30 messages crawled through the account: " + found);
            JsonNode first = found.path("hits").get(0).path("source");
            assertEquals("account:unit3-a", first.path("seen_through").asText());
            assertTrue(first.path("sender_id").asText().startsWith("user:"), first.toString());
            JsonNode accounts = get(port, "/api/accounts").path("accounts");
            assertEquals("AUTHORIZED", accounts.get(0).path("state").asText(), accounts.toString());
            assertEquals("hidden_room_z", accounts.get(0).path("rooms").get(0).asText(), accounts.toString());
            assertEquals(List.of(), FakeTdlib.filesUnder(dir.resolve("files")), "no photo stays in TDLib's files");
            walkEveryRoute(app);
        }
    }

    /** Logs in through the API and returns a client holding the session cookie, and the session's CSRF token. */
    private Map.Entry<HttpClient, String> session(int port, String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"user\": \"" + user + "\", \"password\": \"a synthetic passphrase\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Map.entry(client, json.readTree(r.body()).get("csrf").asText());
    }

    /**
     * Every route of the full server (API and pages), with no session and as each role: where the role may, the answer
     * is neither 401 nor 403 (nor a redirect to the login page); where it may not, it is exactly that refusal.
     */
    private void walkEveryRoute(Roomwatch app) throws Exception {
        int port = app.apiPort();
        Map<String, Map.Entry<HttpClient, String>> who = new java.util.LinkedHashMap<>();
        who.put("nobody", Map.entry(HttpClient.newHttpClient(), ""));
        who.put("investigator", session(port, "walk-investigator"));
        who.put("analyst", session(port, "walk-analyst"));
        who.put("admin", session(port, "admin-park"));
        int requests = 0;
        for (String route : app.api().registeredRoutes()) {
            if (Set.of("POST /api/logout", "POST /api/login", "POST /logout", "POST /login").contains(route)) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x_probe");
            for (var entry : who.entrySet()) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                        .header("content-type", "application/json");
                if (!entry.getValue().getValue().isEmpty()) {
                    b.header("X-CSRF-Token", entry.getValue().getValue());
                }
                int status = entry.getValue().getKey().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                requests++;
                Role role = entry.getKey().equals("nobody") ? null : Role.parse(entry.getKey());
                boolean allowed = app.api().allows(route, role);
                boolean refused = status == 401 || status == 403 || (status == 303 && !path.startsWith("/api/") && role == null);
                if (allowed) {
                    assertTrue(!refused || (path.equals("/") && status == 303), route + " as " + entry.getKey() + " answered " + status);
                } else {
                    assertTrue(refused, route + " as " + entry.getKey() + " should be refused, answered " + status);
                }
            }
        }
        assertTrue(requests > 250, "walked " + requests + " requests (every route, four ways)");
    }
}
