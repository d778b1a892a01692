package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcDiscoveredRooms;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/**
 * The audit cannot be skipped: every request's entry is written before it acts, nothing in the request's text can
 * stop the entry being written, and a request whose entry cannot be written is refused having done nothing.
 */
@ExtendWith(ControlPlaneExtension.class)
class AuditFailClosedTest {
    private static final String PASSWORD = "a long enough test passphrase";

    private final AtomicBoolean auditDown = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private JdbcUsers users;
    private JdbcAuditLog audit;
    private ApiServer server;
    private String base;
    private String adminToken;

    /** The real audit log, which the test can make refuse every write (a full disk, a lost database). */
    private final class SwitchableAuditLog implements AuditLog {
        @Override
        public AuditEntry append(Act act) {
            if (auditDown.get()) {
                throw new IllegalStateException("could not write the audit log: the database is gone");
            }
            return audit.append(act);
        }

        @Override
        public List<AuditEntry> read(Filter filter) {
            return audit.read(filter);
        }

        @Override
        public Verification verify() {
            return audit.verify();
        }
    }

    @BeforeEach
    void start(ControlPlaneDatabase db) {
        users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
        users.add("admin", Role.ADMIN, PASSWORD, "test");
        adminToken = users.createToken("admin", "test").secret();
        RoomWatcher watcher = new InMemoryWatcher();
        SearchService unused = null;
        ApiSecurity security = new ApiSecurity(users, new SwitchableAuditLog(), new SecurityConfig(false, Duration.ofMinutes(30),
                Duration.ofHours(12), 5, Duration.ofMinutes(15), 12), Clock.systemUTC());
        server = new ApiServer(unused, watcher, () -> true).withSecurity(security)
                .withDiscovered(new JdbcDiscoveredRooms(db.dataSource())).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request as written on the wire: Java's HTTP client refuses to send a malformed escape, an attacker does not. */
    private String raw(String requestLine, String headers, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                    + "Content-Length: " + content.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aMalformedEscapeInTheQueryIsRecordedAsSentNotAnError() throws Exception {
        String login = raw("POST /api/login?%zz HTTP/1.1", "Content-Type: application/json\r\n",
                "{\"user\": \"admin\", \"password\": \"" + PASSWORD + "\"}");
        assertTrue(login.startsWith("HTTP/1.1 200"), login);
        List<AuditEntry> entries = audit.read(new AuditLog.Filter(null, "POST /api/login", null, null, 10));
        assertTrue(entries.stream().anyMatch(e -> e.detail().contains("%zz") && e.status() == 0),
                "the entry written before the login acted keeps the query as sent: " + entries);
        String list = raw("GET /api/rooms/watched?%zz&x=%e0%a4 HTTP/1.1", "Authorization: Bearer " + adminToken + "\r\n", "");
        assertTrue(list.startsWith("HTTP/1.1 200"), list);
        assertTrue(audit.read(new AuditLog.Filter("admin", "GET /api/rooms/watched", null, null, 10)).stream()
                .anyMatch(e -> e.detail().contains("%zz") && e.status() == 200), "and the entry after it, with how it ended");
        assertTrue(audit.verify().ok());
    }

    @Test
    void whenTheAuditLogCannotBeWrittenARequestIsRefusedAndDoesNothing() throws Exception {
        auditDown.set(true);
        HttpResponse<String> login = send("POST", "/api/login", "{\"user\": \"admin\", \"password\": \"" + PASSWORD + "\"}", null);
        assertEquals(503, login.statusCode(), login.body());
        assertTrue(login.headers().allValues("set-cookie").isEmpty(), "no session was opened: " + login.headers());
        assertTrue(login.body().contains("audit"), login.body());

        HttpResponse<String> add = send("POST", "/api/users", "{\"name\": \"ghost\", \"role\": \"investigator\", \"password\": \""
                + PASSWORD + "\"}", adminToken);
        assertEquals(503, add.statusCode(), add.body());
        assertFalse(users.find("ghost").isPresent(), "the change did not take effect");

        HttpResponse<String> watch = send("POST", "/api/rooms/watched", "{\"name\": \"some_room\"}", adminToken);
        assertEquals(503, watch.statusCode(), watch.body());
        assertEquals(200, send("GET", "/api/health", null, null).statusCode(), "health is not audited and still answers");

        auditDown.set(false);
        assertEquals(200, send("GET", "/api/users", null, adminToken).statusCode(), "back to normal once the log can be written");
        assertTrue(audit.verify().ok());
    }
}
