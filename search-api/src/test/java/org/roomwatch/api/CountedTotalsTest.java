package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.Message;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchMessageViews;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/**
 * A search without facets counts its matches only as far as its pages reach (10,000), so the engine can skip what
 * cannot make the page; the answer says when it stopped counting, the page says "at least" and still leads past the
 * window. A search with facets, which visits every match anyway, and one with fewer matches, count exactly. Over real
 * HTTP on a real index of 10,030 messages.
 */
@ExtendWith(ControlPlaneExtension.class)
@ExtendWith(IndicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountedTotalsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int CHATTER = 10_030;
    private static final int RARE = 30;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final ObjectMapper json = new ObjectMapper();
    private ApiServer server;
    private String base;
    private String token;

    @BeforeAll
    void start(TestIndices indices, ControlPlaneDatabase db) throws Exception {
        try (BulkMessageWriter writer = new BulkMessageWriter(indices.client(), indices.names(), new MessageEnricher(),
                new ConfigLoader().defaults().elasticsearch())) {
            List<Message> batch = new ArrayList<>();
            for (int n = 1; n <= CHATTER; n++) {
                batch.add(new Message("telegram", "chatter_room", n, "https://t.me/chatter_room/" + n, T0.plusSeconds(n), null,
                        n <= RARE ? "잡담 드문말 " + n : "잡담 " + n, List.of(), null, null, 1L, false, false, List.of(), T0, "web",
                        String.format("%064x", n)));
                if (batch.size() == 2_000) {
                    writer.writeMessages(batch);
                    batch.clear();
                }
            }
            writer.writeMessages(batch);
        }
        indices.client().indices().refresh(r -> r.index(indices.names().messages()));
        JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        users.add("officer.lee", Role.INVESTIGATOR, "a synthetic passphrase", "test");
        token = users.createToken("officer.lee", "test").secret();
        JdbcAuditLog audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        ApiSecurity security = new ApiSecurity(users, audit, new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12),
                5, Duration.ofMinutes(15), 12), Clock.systemUTC());
        server = new ApiServer(new ElasticsearchSearchService(indices.client(), indices.names()), new InMemoryWatcher(), () -> true)
                .withSecurity(security)
                .withImages(new ElasticsearchImageSearch(indices.client(), indices.names(), ElasticsearchImageSearch.Method.MIH),
                        new ImageHasher(new DecodeLimits(2000, 1_000_000)))
                .withMessages(new ElasticsearchMessageViews(indices.client(), indices.names(), null))
                .withPages(users, audit)
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        FormLogin.logIn(http, base, "officer.lee", "a synthetic passphrase");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return json.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void withoutFacetsTheCountStopsAtTheWindowAndSaysSo() throws Exception {
        JsonNode capped = api("/api/messages?q=" + enc("잡담") + "&facets=false");
        assertEquals(10_000, capped.get("total").asLong());
        assertTrue(capped.get("totalCapped").asBoolean(), capped.toString());
        assertEquals(20, capped.get("hits").size());
        JsonNode lastPage = api("/api/messages?q=" + enc("잡담") + "&facets=false&page=500&size=20");
        assertEquals(20, lastPage.get("hits").size(), "every numbered page within the window still answers");
    }

    @Test
    void withFacetsOrFewerMatchesTheCountIsExact() throws Exception {
        JsonNode exact = api("/api/messages?q=" + enc("잡담"));
        assertEquals(CHATTER, exact.get("total").asLong());
        assertFalse(exact.get("totalCapped").asBoolean());
        assertTrue(exact.get("facets").isObject(), exact.toString());
        JsonNode few = api("/api/messages?q=" + enc("드문말") + "&facets=false");
        assertEquals(RARE, few.get("total").asLong());
        assertFalse(few.get("totalCapped").asBoolean());
    }

    @Test
    void thePageSaysAtLeastAndStillLeadsPastTheWindow() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/search?q=" + enc("잡담"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Document page = Jsoup.parse(r.body());
        assertEquals("10,000건 이상 중 1–20번째", page.getElementById("total").ownText().strip());
        assertEquals("10000", page.getElementById("total").attr("data-total"));
        assertEquals(List.of("1", "2", "3", "500", "다음"), page.select("nav.pager a, nav.pager span.current").eachText().stream()
                .filter(t -> !t.contains("건")).toList(), "numbered pages reach the window");
        assertNotNull(page.getElementById("beyond"), "the link past the window is there though the count stopped at it");

        Document few = Jsoup.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/search?q=" + enc("드문말"))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("총 30건 중 1–20번째", few.getElementById("total").ownText().strip());
        assertTrue(few.getElementById("beyond") == null);
    }
}
