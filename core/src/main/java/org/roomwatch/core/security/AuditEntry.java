package org.roomwatch.core.security;

import java.time.Instant;

/**
 * One audited act: who ({@code actor}, with their role at the time), when, from where ({@code address}), what
 * ({@code action}, on {@code target}, with {@code detail} such as the query and filters), how it ended
 * ({@code status}) and how many results it returned (null when not a search). Each entry carries the SHA-256 of
 * the one before ({@code previousSha256}) and its own ({@code sha256}): a hash chain.
 */
public record AuditEntry(long seq, Instant at, String actor, String role, String address, String action, String target,
                         String detail, Integer results, int status, String previousSha256, String sha256) {}
