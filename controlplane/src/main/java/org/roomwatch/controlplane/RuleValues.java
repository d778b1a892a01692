package org.roomwatch.controlplane;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.regex.Pattern;
import org.roomwatch.core.RoomName;
import org.roomwatch.core.watch.RuleKind;

/**
 * What a watchlist rule's value may be, by kind, checked inside the transaction that stores it: a term as written
 * (never a pattern), a school in the registry, a watched person, an imported hash set, a PDQ hash, a valid room name.
 */
final class RuleValues {
    private static final Pattern PATTERN_SYNTAX = Pattern.compile("\\.\\*|\\.\\+|\\\\|[\\[\\]{}|^$]");

    private RuleValues() {}

    /** The rule's value as stored, or a clear reason it cannot be a rule. */
    static String check(Connection c, RuleKind kind, String value) throws SQLException {
        String v = value == null ? "" : Normalizer.normalize(value, Normalizer.Form.NFC).replaceAll("\\p{Cf}", "").strip();
        switch (kind) {
            case TERM -> {
                if (v.codePointCount(0, v.length()) < 2) {
                    throw new IllegalArgumentException("a term needs at least 2 characters, got '" + v + "'");
                }
                if (v.length() > 100) {
                    throw new IllegalArgumentException("a term is at most 100 characters");
                }
                if (PATTERN_SYNTAX.matcher(v).find()) {
                    throw new IllegalArgumentException("terms are matched as written, not as patterns: '" + v
                            + "' looks like a regular expression; give the words themselves");
                }
                return v;
            }
            case SCHOOL -> {
                return exists(c, "SELECT 1 FROM schools WHERE id = ?", v, "no school with id '" + v + "' in the registry");
            }
            case PERSON -> {
                return exists(c, "SELECT 1 FROM watched_people WHERE id = ?", v, "no watched person with id '" + v + "'");
            }
            case HASHSET -> {
                return exists(c, "SELECT 1 FROM hash_sets WHERE name = ?", v, "no hash set named '" + v + "'");
            }
            case IMAGE -> {
                String hex = v.toLowerCase(java.util.Locale.ROOT);
                if (!hex.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("an image rule is a PDQ hash of 64 hex digits (or upload the photo), got '" + v + "'");
                }
                return hex;
            }
            case DISCOVERED -> {
                if (v.startsWith("school:")) {
                    return "school:" + exists(c, "SELECT 1 FROM schools WHERE id = ?", v.substring(7), "no school with id '" + v.substring(7) + "' in the registry");
                }
                return "term:" + check(c, RuleKind.TERM, v.startsWith("term:") ? v.substring(5) : v);
            }
            case ROOM -> {
                String name = v.startsWith("telegram:") ? v.substring("telegram:".length()) : v;
                return "telegram:" + RoomName.require(name);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static String exists(Connection c, String sql, String value, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException(error);
                }
            }
        }
        return value;
    }
}
