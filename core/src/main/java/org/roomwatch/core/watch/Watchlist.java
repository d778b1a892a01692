package org.roomwatch.core.watch;

import java.util.List;

/** A watchlist: who owns it, who gets its alerts, how urgent it is, its rules, and its version (every change bumps it). */
public record Watchlist(String id, String name, String owner, boolean highPriority, boolean active, int version,
                        List<String> members, List<Rule> rules) {
    public Watchlist {
        members = List.copyOf(members);
        rules = List.copyOf(rules);
    }
}
