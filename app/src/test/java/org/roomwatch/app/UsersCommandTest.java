package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.core.security.AuditLog;

/** 'roomwatch users' and 'roomwatch audit verify' in-process, against an H2 file. */
class UsersCommandTest {
    @TempDir
    Path dir;
    private Path config;
    private final InputStream stdin = System.in;

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("roomwatch.yml");
        Files.writeString(config, "database:\n  jdbcUrl: \"jdbc:h2:file:" + dir.resolve("db") + "\"\n");
    }

    @AfterEach
    void tearDown() {
        System.setIn(stdin);
    }

    private CommandRun piping(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return CommandRun.of(args);
    }

    @Test
    void theFirstAdminIsAddedHereAndEveryChangeIsAuditedAndVerifiable() throws Exception {
        assertTrue(CommandRun.of("users", "list", "--config", config.toString()).out().contains("add the first admin"));
        CommandRun add = piping("a synthetic passphrase\n", "users", "add", "chief.park", "--role", "admin", "--password-stdin",
                "--config", config.toString());
        assertEquals(0, add.code(), add.err());
        assertEquals(0, piping("another synthetic one\n", "users", "add", "officer.kim", "--role", "investigator",
                "--password-stdin", "--config", config.toString()).code());
        assertEquals(0, CommandRun.of("users", "disable", "officer.kim", "--config", config.toString()).code());
        assertEquals(0, piping("a new synthetic passphrase\n", "users", "reset-password", "officer.kim", "--password-stdin",
                "--config", config.toString()).code());
        String list = CommandRun.of("users", "list", "--config", config.toString()).out();
        assertTrue(list.contains("chief.park") && list.contains("admin") && list.contains("disabled"), list);

        CommandRun verify = CommandRun.of("audit", "verify", "--config", config.toString());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().contains("4 entries"), verify.out());
        String tail = CommandRun.of("audit", "tail", "--config", config.toString()).out();
        assertTrue(tail.contains("users disable") && tail.contains("cli:"), tail);

        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2));
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET target = 'someone.else' WHERE seq = 3");
        }
        CommandRun broken = CommandRun.of("audit", "verify", "--config", config.toString());
        assertEquals(1, broken.code());
        assertTrue(broken.err().contains("BROKEN at entry 3"), broken.err());
    }

    @Test
    void theLogIsSealedOutsideTheDatabaseSoACutTailIsFound() throws Exception {
        assertEquals(0, piping("a synthetic passphrase\n", "users", "add", "chief.park", "--role", "admin", "--password-stdin",
                "--config", config.toString()).code());
        assertEquals(0, CommandRun.of("users", "disable", "chief.park", "--config", config.toString()).code());
        assertEquals(0, CommandRun.of("users", "enable", "chief.park", "--config", config.toString()).code());
        assertTrue(Files.exists(dir.resolve("audit-hmac.key")), "the key lives outside the database, beside it");
        CommandRun verify = CommandRun.of("audit", "verify", "--config", config.toString());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().contains("every seal and the checkpoint checked"), verify.out());

        // Someone with write access to the database deletes the newest entry: the chain left is whole, the checkpoint says otherwise.
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2));
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_log WHERE seq = 3");
        }
        CommandRun cut = CommandRun.of("audit", "verify", "--config", config.toString());
        assertEquals(1, cut.code(), cut.out());
        assertTrue(cut.err().contains("its tail was cut"), cut.err());
    }

    @Test
    void tailShowsWhatRequestsSentWithoutLettingItControlTheTerminal() throws Exception {
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2))) {
            new JdbcAuditLog(db.dataSource(), java.time.Clock.systemUTC()).append(new AuditLog.Act("x\u001b[2Jy", "-", "127.0.0.1",
                    "GET /api/messages", "", "q=\u001b]0;owned\u0007 \u202egnp.exe\r\nfake line", null, 200));
        }
        String tail = CommandRun.of("audit", "tail", "--config", config.toString()).out();
        assertFalse(tail.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == '\r' || c == 0x202e), tail);
        assertTrue(tail.contains("x\\u001b[2Jy") && tail.contains("\\u202egnp.exe"), tail);
        assertEquals(1, tail.lines().count(), "one entry, one line: " + tail);
    }

    @Test
    void badInputIsRefusedWithWhatToDo() {
        CommandRun role = piping("a synthetic passphrase\n", "users", "add", "kim", "--role", "boss", "--password-stdin",
                "--config", config.toString());
        assertEquals(2, role.code());
        assertTrue(role.err().contains("investigator, analyst or admin"), role.err());
        CommandRun weak = piping("short\n", "users", "add", "kim", "--role", "admin", "--password-stdin", "--config", config.toString());
        assertEquals(2, weak.code());
        assertTrue(weak.err().contains("at least 12"), weak.err());
        CommandRun noTerminal = CommandRun.of("users", "add", "kim", "--role", "admin", "--config", config.toString());
        assertEquals(2, noTerminal.code());
        assertTrue(noTerminal.err().contains("--password-stdin"), noTerminal.err());
        CommandRun unknown = CommandRun.of("users", "disable", "nobody", "--config", config.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no user nobody"), unknown.err());
    }
}
