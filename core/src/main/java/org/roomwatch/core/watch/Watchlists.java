package org.roomwatch.core.watch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Watchlists and their audit trail. Every change is made by a named actor and recorded. */
public interface Watchlists {
    Watchlist create(String name, String owner, boolean highPriority, List<String> members, String actor);

    Rule addRule(String watchlistId, RuleKind kind, String value, Integer threshold, String actor);

    /** A rule to add with a new list. */
    record NewRule(RuleKind kind, String value, Integer threshold) {}

    /**
     * A list and all its rules, in one transaction: a rule that cannot be a rule leaves nothing behind (its error
     * names it by position, from 1).
     */
    Watchlist createWithRules(String name, String owner, boolean highPriority, List<String> members, List<NewRule> rules, String actor);

    /** Renames a list, changes its priority and replaces its mail members. */
    Watchlist update(String watchlistId, String name, boolean highPriority, List<String> members, String actor);

    boolean removeRule(String watchlistId, String ruleId, String actor);

    /**
     * Changes a rule's value (its kind stays), in one transaction and one version: the old rule is gone and the new one
     * is in, or, when the new value cannot be a rule, nothing changed.
     */
    Rule replaceRule(String watchlistId, String ruleId, String value, String actor);

    List<Watchlist> all();

    Optional<Watchlist> find(String id);

    /** Changes whenever any watchlist changes, so matchers know to recompile. */
    String version();

    record AuditEntry(long seq, String watchlistId, int version, String actor, String action, String detail, Instant at) {}

    List<AuditEntry> audit(String watchlistId);
}
