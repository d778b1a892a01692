package org.roomwatch.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.config.DatabaseConfig;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcWatchlists;

/** Watchlists in a real H2 database: what a rule may be, and the audit trail every change leaves. */
class JdbcWatchlistsTest {
    @TempDir
    Path dir;

    @Test
    void rulesAreCheckedAndEveryChangeIsAuditedWithItsVersion() {
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2))) {
            JdbcWatchlists lists = new JdbcWatchlists(db.dataSource());
            Watchlist list = lists.create("사건 17", "kim", true, List.of("kim@example.org"), "kim");
            assertEquals(1, list.version());
            Rule term = lists.addRule(list.id(), RuleKind.TERM, " 지인능욕 ", null, "kim");
            assertEquals("지인능욕", term.value());
            Rule room = lists.addRule(list.id(), RuleKind.ROOM, "jiin_room", null, "lee");
            assertEquals("telegram:jiin_room", room.value());
            assertTrue(lists.removeRule(list.id(), term.id(), "lee"));
            assertEquals("term:지인방", lists.addRule(list.id(), RuleKind.DISCOVERED, "지인방", null, "lee").value());

            for (Object[] bad : new Object[][] {
                    {RuleKind.TERM, "", "a term needs at least 2 characters, got ''"},
                    {RuleKind.TERM, "능", "a term needs at least 2 characters, got '능'"},
                    {RuleKind.TERM, "능욕.*방", "terms are matched as written, not as patterns: '능욕.*방' looks like a regular expression; give the words themselves"},
                    {RuleKind.SCHOOL, "0000000", "no school with id '0000000' in the registry"},
                    {RuleKind.PERSON, "p-none", "no watched person with id 'p-none'"},
                    {RuleKind.HASHSET, "nope", "no hash set named 'nope'"},
                    {RuleKind.IMAGE, "abc", "an image rule is a PDQ hash of 64 hex digits (or upload the photo), got 'abc'"},
                    {RuleKind.DISCOVERED, "school:0000", "no school with id '0000' in the registry"},
                    {RuleKind.DISCOVERED, "x", "a term needs at least 2 characters, got 'x'"}}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> lists.addRule(list.id(), (RuleKind) bad[0], (String) bad[1], null, "kim"));
                assertEquals(bad[2], e.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> lists.addRule(list.id(), RuleKind.ROOM, "../etc", null, "kim"));
            assertThrows(IllegalArgumentException.class, () -> lists.create("x", "kim", false, List.of("not-an-email"), "kim"));
            assertThrows(IllegalArgumentException.class, () -> lists.addRule("wl-missing", RuleKind.TERM, "합성", null, "kim"));
            assertThrows(IllegalArgumentException.class, () -> lists.addRule(list.id(), RuleKind.TERM, "합성", null, " "));

            Watchlist now = lists.find(list.id()).orElseThrow();
            assertEquals(5, now.version(), "created, three rules added, one removed; refused changes leave no trace");
            assertEquals(2, now.rules().size());
            List<Watchlists.AuditEntry> audit = lists.audit(list.id());
            assertEquals(List.of("create", "add-rule", "add-rule", "remove-rule", "add-rule"), audit.stream().map(Watchlists.AuditEntry::action).toList());
            assertEquals(List.of(1, 2, 3, 4, 5), audit.stream().map(Watchlists.AuditEntry::version).toList());
            assertEquals(List.of("kim", "kim", "lee", "lee", "lee"), audit.stream().map(Watchlists.AuditEntry::actor).toList());
            assertTrue(audit.stream().noneMatch(a -> a.detail().contains("지인능욕")), "the audit names rules by id, not by what they watch");
        }
    }
}
