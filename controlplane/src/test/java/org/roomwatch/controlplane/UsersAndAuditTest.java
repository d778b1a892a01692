package org.roomwatch.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.Users;

/** Users (Argon2id, lockout, tokens) and the hash-chained audit log in a real H2 database. */
class UsersAndAuditTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    @TempDir
    Path dir;
    private ControlPlaneDatabase db;
    private JdbcUsers users;
    private JdbcAuditLog audit;

    @BeforeEach
    void setUp() {
        db = ControlPlaneDatabase.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2));
        users = new JdbcUsers(db.dataSource(), 5, Duration.ofMinutes(15), 12);
        audit = new JdbcAuditLog(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void passwordsAreStoredAsArgon2idAndChecked() throws Exception {
        users.add("officer.kim", Role.INVESTIGATOR, "correct horse battery", "admin");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT password_hash FROM users")) {
            r.next();
            String stored = r.getString(1);
            assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
            assertFalse(stored.contains("horse"));
        }
        assertTrue(users.authenticate("officer.kim", "correct horse battery", T0).ok());
        assertFalse(users.authenticate("officer.kim", "wrong horse battery", T0).ok());
        assertFalse(users.authenticate("nobody", "correct horse battery", T0).ok());
    }

    @Test
    void badNamesShortPasswordsAndDuplicatesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> users.add("Kim Officer", Role.ADMIN, "correct horse battery", "a"))
                .getMessage().contains("lower-case"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> users.add("kim", Role.ADMIN, "short", "a"))
                .getMessage().contains("at least 12"));
        users.add("kim", Role.ADMIN, "correct horse battery", "a");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> users.add("kim", Role.ADMIN, "correct horse battery", "a"))
                .getMessage().contains("exists"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Role.parse("boss")).getMessage().contains("investigator"));
    }

    @Test
    void aChainRewrittenThroughTheDatabaseFailsItsSealsAndACutTailItsCheckpoint() throws Exception {
        AuditSeal seal = AuditSeal.loadOrCreate(dir.resolve("keys/audit.key"));
        JdbcAuditLog sealed = new JdbcAuditLog(db.dataSource(), Clock.systemUTC(), seal);
        for (int i = 1; i <= 5; i++) {
            sealed.append(new AuditLog.Act("kim", "analyst", "127.0.0.1", "GET /api/messages", "", "q=" + i, i, 200));
        }
        assertTrue(sealed.verify().ok());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(dir.resolve("keys/audit.key"))));

        // An attacker with database access rewrites entry 3 and recomputes the chain from there: every hash is right,
        // and the plain chain verifies, but the seals need the key.
        try (Connection c = db.dataSource().getConnection()) {
            String previous = null;
            List<AuditEntry> oldestFirst = new java.util.ArrayList<>(audit.read(new AuditLog.Filter(null, null, null, null, 10)));
            java.util.Collections.reverse(oldestFirst);
            for (AuditEntry e : oldestFirst) {
                if (e.seq() < 3) {
                    previous = e.sha256();
                    continue;
                }
                AuditEntry forged = new AuditEntry(e.seq(), e.at(), e.actor(), e.role(), e.address(), e.action(), e.target(),
                        e.seq() == 3 ? "q=nothing to see" : e.detail(), e.results(), e.status(), previous, null);
                String sha = JdbcAuditLog.hash(forged);
                try (var update = c.prepareStatement("UPDATE audit_log SET detail = ?, previous_sha256 = ?, sha256 = ? WHERE seq = ?")) {
                    update.setString(1, forged.detail());
                    update.setString(2, previous);
                    update.setString(3, sha);
                    update.setLong(4, e.seq());
                    update.executeUpdate();
                }
                previous = sha;
            }
        }
        assertTrue(audit.verify().ok(), "without the key the forged chain looks whole");
        AuditLog.Verification rewritten = sealed.verify();
        assertFalse(rewritten.ok());
        assertEquals(3L, rewritten.brokenAt());
        assertTrue(rewritten.problem().contains("seal"), rewritten.problem());

        // A fresh log, sealed, whose newest entries are deleted through SQL: the chain left is whole, the checkpoint is not there.
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_log");
        }
        for (int i = 1; i <= 4; i++) {
            sealed.append(new AuditLog.Act("kim", "analyst", "127.0.0.1", "GET /api/messages", "", "q=" + i, i, 200));
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_log WHERE seq >= 3");
        }
        assertTrue(audit.verify().ok(), "the plain chain of entries 1 and 2 is whole");
        AuditLog.Verification cut = sealed.verify();
        assertFalse(cut.ok());
        assertTrue(cut.problem().contains("tail was cut"), cut.problem());
    }

    @Test
    void aPasswordResetOrADisableEndsTheUsersTokensAndTokensExpire() {
        users.add("lee", Role.INVESTIGATOR, "correct horse battery", "admin");
        Instant now = Instant.now();
        String first = users.createToken("lee", "script").secret();
        assertTrue(users.authenticateToken(first, now).isPresent());
        users.resetPassword("lee", "a brand new passphrase", "admin");
        assertTrue(users.authenticateToken(first, now).isEmpty(), "a reset ends the tokens made before it");

        String second = users.createToken("lee", "script").secret();
        assertTrue(users.authenticateToken(second, now).isPresent());
        users.setDisabled("lee", true, "admin");
        users.setDisabled("lee", false, "admin");
        assertTrue(users.authenticateToken(second, now).isEmpty(), "disabling ends the tokens; enabling again does not revive them");

        String third = users.createToken("lee", "script").secret();
        assertTrue(users.authenticateToken(third, now.plus(Duration.ofDays(89))).isPresent());
        assertTrue(users.authenticateToken(third, now.plus(Duration.ofDays(91))).isEmpty(), "a token ends 90 days after it was made");
    }

    @Test
    void parallelWrongGuessesAreEachCountedSoTheLockoutHolds() throws Exception {
        users.add("park", Role.INVESTIGATOR, "correct horse battery", "admin");
        int guesses = 24;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Users.Login>> results = new java.util.ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                go.await();
                return users.authenticate("park", "parallel guess " + n, T0);
            }));
        }
        go.countDown();
        int checked = 0;
        for (var f : results) {
            Users.Login login = f.get();
            assertFalse(login.ok());
            if (login.reason().startsWith("wrong password")) {
                checked++;
            } else {
                assertTrue(login.reason().startsWith("locked until"), login.reason());
            }
        }
        pool.shutdown();
        assertEquals(5, checked, "exactly lockoutAfter guesses were checked; the rest met the lockout");
        assertFalse(users.authenticate("park", "correct horse battery", T0.plusSeconds(1)).ok(), "locked, even for the right one");
        assertEquals(5, users.find("park").orElseThrow().failedLogins());
    }

    @Test
    void fiveWrongPasswordsLockTheUserOutEvenFromTheRightOne() {
        users.add("kim", Role.ANALYST, "correct horse battery", "admin");
        for (int i = 0; i < 5; i++) {
            assertFalse(users.authenticate("kim", "guess " + i + " wrong!", T0.plusSeconds(i)).ok());
        }
        Users.Login locked = users.authenticate("kim", "correct horse battery", T0.plusSeconds(10));
        assertFalse(locked.ok());
        assertTrue(locked.reason().startsWith("locked until"), locked.reason());
        assertTrue(users.authenticate("kim", "correct horse battery", T0.plusSeconds(16 * 60)).ok(), "the lockout ends");
        for (int i = 0; i < 5; i++) {
            users.authenticate("kim", "guess again " + i, T0.plusSeconds(20 * 60 + i));
        }
        users.resetPassword("kim", "a brand new passphrase", "admin");
        assertTrue(users.authenticate("kim", "a brand new passphrase", T0.plusSeconds(21 * 60)).ok(), "a reset lifts the lockout");
        users.setDisabled("kim", true, "admin");
        assertEquals("disabled", users.authenticate("kim", "a brand new passphrase", T0.plusSeconds(22 * 60)).reason());
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() throws Exception {
        users.add("kim", Role.INVESTIGATOR, "correct horse battery", "admin");
        Users.NewToken token = users.createToken("kim", "nightly export");
        assertTrue(token.secret().startsWith("rwt_"));
        assertEquals("kim", users.authenticateToken(token.secret(), T0).orElseThrow().name());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT secret_sha256 FROM api_tokens")) {
            r.next();
            assertFalse(r.getString(1).contains(token.secret().substring(4)), "only the hash is kept");
        }
        assertEquals(T0, users.tokens("kim").get(0).lastUsed());
        assertFalse(users.revokeToken("someone-else", token.id()));
        assertTrue(users.revokeToken("kim", token.id()));
        assertTrue(users.authenticateToken(token.secret(), T0).isEmpty());
        assertTrue(users.authenticateToken("rwt_made-up", T0).isEmpty());
    }

    private void record(int n) {
        for (int i = 0; i < n; i++) {
            audit.append(new AuditLog.Act("officer.kim", "investigator", "127.0.0.1", "GET /api/messages", "",
                    "q=한빛여고&school=9900001", 3 + i, 200));
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void theChainVerifiesAndFindsAnEditADeletionAndAReordering() throws Exception {
        record(5);
        AuditLog.Verification ok = audit.verify();
        assertTrue(ok.ok(), ok.toString());
        assertEquals(5, ok.entries());
        List<AuditEntry> newest = audit.read(new AuditLog.Filter("officer.kim", "messages", null, null, 2));
        assertEquals(List.of(5L, 4L), newest.stream().map(AuditEntry::seq).toList());
        assertEquals(newest.get(1).sha256(), newest.get(0).previousSha256());

        sql("UPDATE audit_log SET results = 0 WHERE seq = 3");
        AuditLog.Verification edited = audit.verify();
        assertEquals(3L, edited.brokenAt(), edited.toString());
        assertTrue(edited.problem().contains("changed"), edited.problem());
    }

    @Test
    void aDeletedEntryIsFound() throws Exception {
        record(4);
        sql("DELETE FROM audit_log WHERE seq = 2");
        AuditLog.Verification deleted = audit.verify();
        assertFalse(deleted.ok());
        assertEquals(2L, deleted.brokenAt(), deleted.toString());
    }

    @Test
    void reorderedEntriesAreFound() throws Exception {
        record(4);
        // Swap the contents of entries 2 and 3, hashes included, keeping the numbering.
        sql("UPDATE audit_log SET seq = 99 WHERE seq = 2");
        sql("UPDATE audit_log SET seq = 2 WHERE seq = 3");
        sql("UPDATE audit_log SET seq = 3 WHERE seq = 99");
        AuditLog.Verification reordered = audit.verify();
        assertFalse(reordered.ok());
        assertEquals(2L, reordered.brokenAt(), reordered.toString());
    }
}
