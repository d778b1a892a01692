package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;
import org.roomwatch.testkit.MutableClock;

/**
 * Logins, roles, CSRF, tokens and the audit trail over real HTTP with a real H2 database. Every registered route is
 * walked with no session and with each role; the routes' own behaviour is tested elsewhere, so the handlers behind
 * them may answer anything but 401 and 403 when access is allowed.
 */
@ExtendWith(ControlPlaneExtension.class)
class SecurityApiTest {
    private static final String PASSWORD = "a synthetic passphrase";
    private final ObjectMapper json = new ObjectMapper();
    private final InMemoryWatcher watcher = new InMemoryWatcher();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    private ControlPlaneDatabase db;
    private JdbcUsers users;
    private JdbcAuditLog audit;
    private ApiSecurity security;
    private ApiServer server;
    private String base;


    @BeforeEach
    void start(ControlPlaneDatabase database) throws Exception {
        db = database;
        users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        audit = new JdbcAuditLog(db.dataSource(), clock);
        for (Role role : Role.values()) {
            users.add(role.key(), role, PASSWORD, "test");
        }
        security = new ApiSecurity(users, audit, new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12), 5,
                Duration.ofMinutes(15), 12), clock);
        SearchService unused = null;
        server = new ApiServer(unused, watcher, () -> true).withSecurity(security)
                .withDiscovered(new JdbcDiscoveredRooms(db.dataSource())).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A browser: its own cookies, and the CSRF token of its login. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String csrf;

        HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("content-type", "application/json");
            }
            headers.forEach(b::header);
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            return send(method, path, body, csrf == null ? Map.of() : Map.of(ApiSecurity.CSRF_HEADER, csrf));
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            HttpResponse<String> r = send("POST", "/api/login", "{\"user\": \"" + user + "\", \"password\": \"" + password + "\"}");
            if (r.statusCode() == 200) {
                csrf = json.readTree(r.body()).get("csrf").asText();
            }
            return r;
        }
    }

    @Test
    void everyRouteHasARuleAndEachRoleReachesExactlyItsRoutes() throws Exception {
        List<String> registered = new ArrayList<>();
        for (var endpoint : server.registeredRoutes()) {
            registered.add(endpoint);
        }
        Set<String> withoutRule = new TreeSet<>(registered);
        withoutRule.removeAll(security.policy().all().keySet());
        assertEquals(Set.of(), withoutRule, "routes registered without an access rule");

        Map<String, Browser> browsers = new LinkedHashMap<>();
        browsers.put("nobody", new Browser());
        for (Role role : Role.values()) {
            Browser b = new Browser();
            assertEquals(200, b.login(role.key(), PASSWORD).statusCode());
            browsers.put(role.key(), b);
        }
        for (String route : registered) {
            if (Set.of("POST /api/logout", "POST /api/login", "POST /logout", "POST /login").contains(route)) {
                continue; // would end or replace the session the walk uses; covered below
            }
            AccessPolicy.Rule rule = security.policy().all().get(route);
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x_probe");
            for (var entry : browsers.entrySet()) {
                Role role = entry.getKey().equals("nobody") ? null : Role.parse(entry.getKey());
                int status = entry.getValue().send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}").statusCode();
                boolean allowed = rule.open() || (role != null && rule.allows(role));
                if (allowed) {
                    assertTrue(status != 401 && status != 403, route + " as " + entry.getKey() + " answered " + status);
                } else {
                    assertEquals(role == null ? 401 : 403, status, route + " as " + entry.getKey());
                }
            }
        }
    }

    @Test
    void wrongPasswordsLockTheUserOutAndEveryAttemptIsAudited() throws Exception {
        Browser b = new Browser();
        Set<String> answers = new java.util.HashSet<>();
        answers.add(b.login("nobody-such", "wrong password x").body());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = b.login("investigator", "wrong password " + i);
            assertEquals(401, r.statusCode());
            answers.add(r.body());
        }
        HttpResponse<String> locked = b.login("investigator", PASSWORD);
        assertEquals(401, locked.statusCode(), "locked out, even with the right password");
        answers.add(locked.body());
        assertEquals(1, answers.size(), "one answer for an unknown user, a wrong password and a lockout: " + answers);
        List<AuditEntry> failed = audit.read(new AuditLog.Filter("investigator", "login", null, null, 10));
        assertEquals(6, failed.size());
        assertTrue(failed.get(0).detail().contains("locked until"), failed.get(0).detail());
        assertFalse(failed.stream().anyMatch(e -> e.detail().contains("wrong password 1")), "passwords never reach the audit log");
        clock.advance(Duration.ofMinutes(16));
        assertEquals(200, b.login("investigator", PASSWORD).statusCode());
    }

    @Test
    void changesNeedTheSessionsCsrfTokenButTokensDoNot() throws Exception {
        Browser analyst = new Browser();
        analyst.login("analyst", PASSWORD);
        String csrf = analyst.csrf;
        analyst.csrf = null;
        HttpResponse<String> missing = analyst.send("POST", "/api/rooms/watched", "{\"name\": \"csrf_room\"}");
        assertEquals(403, missing.statusCode());
        assertTrue(missing.body().contains(ApiSecurity.CSRF_HEADER), missing.body());
        analyst.csrf = "forged-" + csrf;
        assertEquals(403, analyst.send("POST", "/api/rooms/watched", "{\"name\": \"csrf_room\"}").statusCode());
        assertTrue(watcher.watched().isEmpty(), "a refused change changes nothing");
        analyst.csrf = csrf;
        assertEquals(201, analyst.send("POST", "/api/rooms/watched", "{\"name\": \"csrf_room\"}").statusCode());

        HttpResponse<String> created = analyst.send("POST", "/api/me/tokens", "{\"label\": \"script\"}");
        assertEquals(201, created.statusCode(), created.body());
        String token = json.readTree(created.body()).get("token").asText();
        HttpClient script = HttpClient.newHttpClient();
        HttpResponse<String> viaToken = script.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms/watched/csrf_room"))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertNotEquals(403, viaToken.statusCode(), viaToken.body());
        String id = json.readTree(created.body()).get("id").asText();
        assertEquals(200, analyst.send("DELETE", "/api/me/tokens/" + id, null).statusCode());
        assertEquals(401, script.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms/watched"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        List<AuditEntry> refused = audit.read(new AuditLog.Filter("analyst", "POST /api/rooms/watched", null, null, 10));
        // Newest first: the allowed request left an entry before it acted (status 0) and one after; the refusals, one each.
        assertEquals(List.of(201, 0, 403, 403), refused.stream().map(AuditEntry::status).toList());
    }

    @Test
    void sessionsEndWhenIdleAndAtTheirAbsoluteLimitAndOnLogout() throws Exception {
        Browser b = new Browser();
        b.login("investigator", PASSWORD);
        assertEquals(200, b.send("GET", "/api/rooms/watched", null).statusCode());
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> idle = b.send("GET", "/api/rooms/watched", null);
        assertEquals(401, idle.statusCode());
        assertTrue(idle.body().contains("expired"), idle.body());

        b.login("investigator", PASSWORD);
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMinutes(29));
            if (i < 24) {
                assertEquals(200, b.send("GET", "/api/rooms/watched", null).statusCode(), "active, within 12 h: " + i);
            }
        }
        assertEquals(401, b.send("GET", "/api/rooms/watched", null).statusCode(), "past the absolute limit");

        HttpResponse<String> login = b.login("investigator", PASSWORD);
        String cookie = login.headers().firstValue("set-cookie").orElse("");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, b.send("POST", "/api/logout", null).statusCode());
        assertEquals(401, b.send("GET", "/api/rooms/watched", null).statusCode());
    }

    @Test
    void adminsManageUsersAndReadTheVerifiedAuditTrail() throws Exception {
        Browser admin = new Browser();
        admin.login("admin", PASSWORD);
        HttpResponse<String> weak = admin.send("POST", "/api/users", "{\"name\": \"officer.lee\", \"role\": \"investigator\", \"password\": \"short\"}");
        assertEquals(400, weak.statusCode());
        assertTrue(weak.body().contains("at least 12"), weak.body());
        assertEquals(400, admin.send("POST", "/api/users", "{\"name\": \"officer.lee\", \"role\": \"boss\", \"password\": \"" + PASSWORD + "\"}").statusCode());
        assertEquals(201, admin.send("POST", "/api/users", "{\"name\": \"officer.lee\", \"role\": \"investigator\", \"password\": \""
                + PASSWORD + "\"}").statusCode());
        Browser lee = new Browser();
        assertEquals(200, lee.login("officer.lee", PASSWORD).statusCode());
        assertEquals(200, admin.send("POST", "/api/users/officer.lee/disable", "{}").statusCode());
        assertEquals(401, lee.send("GET", "/api/rooms/watched", null).statusCode(), "a disabled user's sessions end at once");
        assertEquals(400, admin.send("POST", "/api/users/admin/disable", "{}").statusCode(), "no locking yourself out");

        HttpResponse<String> trail = admin.send("GET", "/api/audit?actor=admin&limit=50", null);
        assertEquals(200, trail.statusCode());
        JsonNode entries = json.readTree(trail.body()).get("entries");
        assertTrue(entries.size() >= 4, trail.body());
        assertFalse(trail.body().contains(PASSWORD), "no password in the trail");
        assertEquals(400, admin.send("GET", "/api/audit?from=yesterday", null).statusCode());
        assertTrue(json.readTree(admin.send("GET", "/api/audit/verify", null).body()).get("ok").asBoolean());
    }

    @Test
    void whoDecidedIsTheLoggedInUserNotWhatTheBodyClaims() throws Exception {
        JdbcDiscoveredRooms rooms = new JdbcDiscoveredRooms(db.dataSource());
        rooms.record("telegram:claimed_room", "telegram", false, "claimed_room", "telegram:a:1", "https://t.me/claimed_room",
                Instant.parse("2026-11-01T00:00:00Z"));
        Browser analyst = new Browser();
        analyst.login("analyst", PASSWORD);
        HttpResponse<String> r = analyst.send("POST", "/api/discovered/telegram:claimed_room/dismiss", "{\"by\": \"chief.park\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("analyst", json.readTree(r.body()).get("decidedBy").asText());
    }

    @Test
    void injectionInTextFieldsIsJustText() throws Exception {
        Browser admin = new Browser();
        admin.login("admin", PASSWORD);
        HttpResponse<String> sql = admin.login("admin' OR '1'='1", "x' OR '1'='1");
        assertEquals(401, sql.statusCode());
        HttpResponse<String> filtered = admin.send("GET", "/api/audit?actor=" + java.net.URLEncoder.encode("x' OR 1=1 --",
                java.nio.charset.StandardCharsets.UTF_8), null);
        assertEquals(200, filtered.statusCode());
        assertEquals(0, json.readTree(filtered.body()).get("entries").size(), "the filter is a value, not SQL");
    }
}
