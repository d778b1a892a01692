package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

/**
 * The whole access model, as data ({@code access-matrix.tsv}): every route of the full server, called by nobody, an
 * investigator, an analyst whom a case does not name, an analyst an admin named on it, the analyst who opened it, and
 * an admin. A cell passes when the
 * caller got exactly the refusal the table says, or, for "pass", when the access table let the request through to its
 * handler: the audit entry written before a request acts is the witness (for the few routes that are never audited,
 * the status). Every registered route must have a row.
 */
@ExtendWith(ElasticsearchExtension.class)
class AccessMatrixTest {
    private static final String PASSWORD = "a synthetic passphrase";
    /** Routes that write no audit entry (nothing about a case is read there): judged by their status alone. */
    private static final Set<String> NOT_AUDITED = Set.of("GET /api/health", "GET /api/ready", "GET /metrics", "GET /api/openapi.json",
            "GET /api/me", "GET /static/app.css", "GET /static/roomwatch-hash.js", "GET /static/case-hashing.js", "GET /static/workbench.js",
            "GET /static/htmx.min.js", "GET /static/image-hashing.js", "GET /", "GET /login");
    private static final List<String> CALLERS = List.of("anonymous", "matrix.inv", "matrix.other", "matrix.member", "matrix.own",
            "matrix.admin");

    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private String base;

    /** One caller's browser: cookies, and the CSRF token of its login (none when nobody is logged in). */
    private final class Caller {
        final String user;
        HttpClient http;
        String csrf;

        Caller(String user) throws Exception {
            this.user = user;
            login();
        }

        void login() throws Exception {
            http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            csrf = null;
            if (!user.equals("anonymous")) {
                HttpResponse<String> r = send("POST", "/api/login", "{\"user\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}");
                assertEquals(200, r.statusCode(), r.body());
                csrf = json.readTree(r.body()).get("csrf").asText();
            }
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
            if (body.startsWith("form:")) {
                b.header("content-type", "application/x-www-form-urlencoded");
                publisher = HttpRequest.BodyPublishers.ofString(body.substring("form:".length()));
            } else if (!body.equals("-")) {
                b.header("content-type", "application/json");
                publisher = HttpRequest.BodyPublishers.ofString(body);
            }
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return http.send(b.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private record Row(String route, String request, String body, List<String> expected, String note) {}

    private static List<Row> matrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/access-matrix.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split("\t", -1);
                rows.add(new Row(c[0], c[1], c[2], List.of(c[3], c[4], c[5], c[6], c[7], c[8]), c.length > 9 ? c[9] : ""));
            }
        }
        return rows;
    }

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays(TestNode node) throws Exception {
        Path file = dir.resolve("roomwatch.yml");
        Files.writeString(file, "security:\n  evidenceKeyFile: \"" + dir.resolve("keys/evidence.pem") + "\"\n");
        String jdbc = "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE";
        RoomwatchConfig config = new ConfigLoader().load(file, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix() + "matrix-",
                "ROOMWATCH_DATABASE_JDBCURL", jdbc,
                "ROOMWATCH_SECURITY_COOKIESECURE", "false",
                "ROOMWATCH_API_PORT", "0"));
        try (Roomwatch app = Roomwatch.start(config, Set.of(ProcessRole.API));
             ControlPlaneDatabase db = ControlPlaneDatabase.open(config.database())) {
            app.users().add("matrix.inv", Role.INVESTIGATOR, PASSWORD, "test");
            app.users().add("matrix.other", Role.ANALYST, PASSWORD, "test");
            app.users().add("matrix.member", Role.ANALYST, PASSWORD, "test");
            app.users().add("matrix.own", Role.ANALYST, PASSWORD, "test");
            app.users().add("matrix.admin", Role.ADMIN, PASSWORD, "test");
            app.users().add("spare.user", Role.INVESTIGATOR, PASSWORD, "test");
            base = "http://127.0.0.1:" + app.apiPort();
            AuditLog audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
            Map<String, Caller> callers = new LinkedHashMap<>();
            for (String user : CALLERS) {
                callers.put(user, new Caller(user));
            }
            // The analyst who owns them opens a case: its number, hash set and watchlist fill the placeholders.
            HttpResponse<String> opened = callers.get("matrix.own").send("POST", "/api/cases", "{\"caseNumber\": \"MATRIX-1\","
                    + " \"counselor\": \"상담사 (합성)\", \"consentNote\": \"합성 자료\", \"photos\": [{\"pdq\": \"" + "5a".repeat(32)
                    + "\", \"quality\": 100, \"md5\": \"" + "1".repeat(32) + "\", \"sha256\": \"" + "2".repeat(64) + "\"}]}");
            assertEquals(201, opened.statusCode(), opened.body());
            JsonNode file0 = json.readTree(opened.body()).path("case");
            // An admin names a second analyst on the case: a member, who then sees what its opener sees.
            HttpResponse<String> named = callers.get("matrix.admin").send("POST", "/api/cases/MATRIX-1/members",
                    "{\"user\": \"matrix.member\"}");
            assertEquals(201, named.statusCode(), named.body());
            Map<String, String> values = Map.of("{case}", file0.path("caseNumber").asText(), "{set}", file0.path("hashSet").asText(),
                    "{list}", file0.path("watchlistId").asText());

            List<Row> rows = matrix();
            Set<String> registered = new TreeSet<>(app.api().registeredRoutes());
            Set<String> withoutRow = new TreeSet<>(registered);
            rows.forEach(r -> withoutRow.remove(r.route()));
            assertEquals(Set.of(), withoutRow, "every route served needs a row in access-matrix.tsv");

            List<String> wrong = new ArrayList<>();
            int cells = 0;
            for (Row row : rows) {
                if (!registered.contains(row.route())) {
                    System.out.println("access matrix: " + row.route() + " is not served in this configuration (its row is not walked)");
                    continue;
                }
                String method = row.route().substring(0, row.route().indexOf(' '));
                String path = row.request();
                for (var v : values.entrySet()) {
                    path = path.replace(v.getKey(), java.net.URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8));
                }
                for (int i = 0; i < CALLERS.size(); i++) {
                    Caller caller = callers.get(CALLERS.get(i));
                    if (row.note().contains("ends the session")) {
                        caller.login();
                    }
                    long before = newest(audit);
                    HttpResponse<String> answer = caller.send(method, path, row.body());
                    String expected = row.expected().get(i);
                    String got = outcome(row.route(), answer, audit, before);
                    cells++;
                    if (!got.equals(expected)) {
                        wrong.add(row.route() + " as " + caller.user + ": expected " + expected + ", got " + got
                                + " (HTTP " + answer.statusCode() + ")");
                    }
                }
            }
            System.out.println("access matrix: " + cells + " cells walked, " + wrong.size() + " differ");
            assertEquals(List.of(), wrong, "cells that differ from access-matrix.tsv");
            assertTrue(cells > 450, "the walk covered the table: " + cells);
            assertTrue(audit.verify().ok());
        }
    }

    private static long newest(AuditLog audit) {
        List<AuditEntry> last = audit.read(new AuditLog.Filter(null, null, null, null, 1));
        return last.isEmpty() ? 0 : last.get(0).seq();
    }

    /** What happened to one request: "pass" (through to its handler), or the refusal it met. */
    private static String outcome(String route, HttpResponse<String> answer, AuditLog audit, long before) {
        int status = answer.statusCode();
        String location = answer.headers().firstValue("location").orElse("");
        if (status == 303 && location.startsWith("/login?next=")) {
            return "303";
        }
        if (NOT_AUDITED.contains(route)) {
            return status == 401 || status == 403 ? Integer.toString(status) : "pass";
        }
        // The entry written before a request acts exists only for requests the access table let through.
        boolean through = audit.read(new AuditLog.Filter(null, null, null, null, 20)).stream()
                .anyMatch(e -> e.seq() > before && e.action().equals(route) && e.status() == 0);
        if (through) {
            return "pass";
        }
        // The access table's 404 is recorded as a refusal naming what the caller may not see (pages say it in words).
        boolean refusedByTable = audit.read(new AuditLog.Filter(null, null, null, null, 20)).stream()
                .anyMatch(e -> e.seq() > before && e.action().equals(route) && String.valueOf(e.detail()).contains("that you may see"));
        if (status == 404 && !refusedByTable) {
            return "404 (from a handler, not the access table)";
        }
        return Integer.toString(status);
    }
}
