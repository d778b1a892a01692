package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.core.security.Role;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.InMemoryWatcher;

/**
 * Limits that hold for anyone, logged in or not: bodies capped whatever their framing, no multipart logins, and login
 * attempts per address bounded (defect 4 of the need-to-know review). Raw HTTP on loopback, as an attacker sends it.
 */
@ExtendWith(ControlPlaneExtension.class)
class LimitsTest {
    private static final String PASSWORD = "a long enough test passphrase";

    private ApiServer server;
    private String adminToken;

    @BeforeEach
    void start(ControlPlaneDatabase db) {
        JdbcUsers users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        users.add("admin", Role.ADMIN, PASSWORD, "test");
        adminToken = users.createToken("admin", "test").secret();
        RoomWatcher watcher = new InMemoryWatcher();
        SearchService unused = null;
        ApiSecurity security = new ApiSecurity(users, new JdbcAuditLog(db.dataSource(), Clock.systemUTC()),
                new SecurityConfig(false, Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15), 12,
                        SecurityConfig.DEFAULT_EVIDENCE_KEY_FILE, Duration.ofDays(90), "", 30), Clock.systemUTC());
        server = new ApiServer(unused, watcher, () -> true).withSecurity(security).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends a request head and a body (written in chunks when {@code chunked}); answers the response, as read. */
    private String send(String head, byte[] body, boolean chunked) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "Host: 127.0.0.1\r\nConnection: close\r\n" + (chunked ? "Transfer-Encoding: chunked\r\n"
                        : "Content-Length: " + body.length + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (chunked) {
                    for (int at = 0; at < body.length; at += 65_536) {
                        int n = Math.min(65_536, body.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before the whole body is sent: read what it said.
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] json(int bytes) {
        byte[] body = new byte[bytes];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[bytes - 1] = '}';
        return body;
    }

    @Test
    void aChunkedBodyIsCappedLikeADeclaredOne() throws Exception {
        int over = (int) BodyLimit.DEFAULT_BYTES + 1_000_000;
        String chunked = send("POST /api/rooms/watched HTTP/1.1\r\nAuthorization: Bearer " + adminToken
                + "\r\nContent-Type: application/json\r\n", json(over), true);
        assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked.lines().findFirst().orElse(chunked));
        String declared = send("POST /api/login HTTP/1.1\r\nContent-Type: application/json\r\n", json(over), false);
        assertTrue(declared.startsWith("HTTP/1.1 413"), declared.lines().findFirst().orElse(declared));
        assertTrue(declared.contains("at most " + BodyLimit.DEFAULT_BYTES), declared);
        String small = send("POST /api/rooms/watched HTTP/1.1\r\nAuthorization: Bearer " + adminToken
                + "\r\nContent-Type: application/json\r\n", "{\"name\": \"small_room\"}".getBytes(StandardCharsets.UTF_8), true);
        assertTrue(small.startsWith("HTTP/1.1 20"), "a chunked body under the cap is read as usual: " + small);
    }

    @Test
    void aMultipartLoginIsRefusedUnread() throws Exception {
        String boundary = "x1x2x3";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nadmin\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n" + PASSWORD + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String answer = send("POST /login HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\n", body, false);
        assertTrue(answer.startsWith("HTTP/1.1 415"), answer);
        assertFalse(answer.toLowerCase(java.util.Locale.ROOT).contains("set-cookie"), "no session: " + answer);
    }

    @Test
    void loginAttemptsFromOneAddressAreBounded() throws Exception {
        int throttled = 0;
        String last = "";
        for (int i = 0; i < 32; i++) {
            last = send("POST /api/login HTTP/1.1\r\nContent-Type: application/json\r\n",
                    ("{\"user\": \"nobody" + i + "\", \"password\": \"wrong wrong wrong\"}").getBytes(StandardCharsets.UTF_8), false);
            if (last.startsWith("HTTP/1.1 429")) {
                throttled++;
            } else {
                assertTrue(last.startsWith("HTTP/1.1 401"), last);
            }
        }
        assertEquals(2, throttled, "30 attempts a minute from one address, then 429");
        assertTrue(last.contains("Retry-After"), last);
    }
}
