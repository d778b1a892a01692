package org.roomwatch.core.watch;

/** One rule of a watchlist. {@code threshold} is the PDQ distance of a hash-set rule (default 31), else null. */
public record Rule(String id, String watchlistId, RuleKind kind, String value, Integer threshold) {}
