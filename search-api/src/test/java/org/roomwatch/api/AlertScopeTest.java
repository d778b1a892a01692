package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcHashSets;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.controlplane.JdbcWatchlists;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.indexer.AlertStore;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.RetroScans;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/** An analyst sees and moves only the alerts of the watchlists they own or belong to; another's alert id is not there. */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertScopeTest {
    private static final String PASSWORD = "a synthetic passphrase";
    private final ObjectMapper json = new ObjectMapper();
    private ControlPlaneDatabase db;
    private RetroScans retro;
    private ApiServer server;
    private String base;

    @BeforeAll
    void start(TestIndices indices, ControlPlaneDatabase database) throws Exception {
        ElasticsearchClient client = indices.client();
        IndexNames names = indices.names();
        db = database;
        JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        users.add("analyst.a", Role.ANALYST, PASSWORD, "test");
        users.add("analyst.b", Role.ANALYST, PASSWORD, "test");
        users.add("chief", Role.ADMIN, PASSWORD, "test");
        JdbcWatchlists lists = new JdbcWatchlists(db.dataSource());
        Watchlist a = lists.create("A의 목록", "analyst.a", true, List.of(), "analyst.a");
        Watchlist b = lists.create("B의 목록", "analyst.b", true, List.of(), "analyst.b");
        for (Watchlist w : List.of(a, b)) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("watchlist_id", w.id());
            doc.put("watchlist_name", w.name());
            doc.put("priority", "high");
            doc.put("rules", new ArrayList<>());
            doc.put("message_id", "telegram:room_x:1");
            doc.put("room_id", "telegram:room_x");
            doc.put("permalink", "https://t.me/room_x/1");
            doc.put("posted_at", "2026-11-01T00:00:00Z");
            doc.put("created_at", "2026-11-01T00:01:00Z");
            doc.put("state", "new");
            doc.put("history", new ArrayList<>());
            client.index(i -> i.index(names.alerts()).id("alert-" + w.owner()).document(doc));
        }
        client.indices().refresh(r -> r.index(names.alerts()));
        AlertStore alerts = new AlertStore(client, names, Clock.systemUTC());
        retro = new RetroScans(client, names, alerts, new JdbcHashSets(db.dataSource()), Clock.systemUTC());
        ApiSecurity security = new ApiSecurity(users, new JdbcAuditLog(db.dataSource(), Clock.systemUTC()),
                new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15), 12), Clock.systemUTC());
        server = new ApiServer(null, new InMemoryWatcher(), () -> true).withSecurity(security)
                .withWatchlists(lists, alerts, retro, new ImageHasher(DecodeLimits.DEFAULT)).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
        retro.close();
    }

    private record Session(HttpClient http, String csrf) {}

    private Session login(String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Session(http, json.readTree(r.body()).get("csrf").asText());
    }

    private List<String> visible(Session s) throws Exception {
        JsonNode page = json.readTree(s.http().send(HttpRequest.newBuilder(URI.create(base + "/api/alerts")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }

    private int mark(Session s, String id) throws Exception {
        return s.http().send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/" + id + "/state"))
                .header("content-type", "application/json").header(ApiSecurity.CSRF_HEADER, s.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\": \"seen\"}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void eachAnalystSeesOnlyTheirListsAlertsAndAnAdminSeesAll() throws Exception {
        Session a = login("analyst.a");
        assertEquals(List.of("alert-analyst.a"), visible(a));
        assertEquals(404, mark(a, "alert-analyst.b"), "another analyst's alert id answers as if it did not exist");
        assertEquals(200, mark(a, "alert-analyst.a"));
        assertEquals(List.of("alert-analyst.b"), visible(login("analyst.b")));
        assertEquals(2, visible(login("chief")).size());
    }
}
