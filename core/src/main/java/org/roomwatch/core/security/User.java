package org.roomwatch.core.security;

import java.time.Instant;

/** A person who uses roomwatch: their role, whether they may log in, and until when repeated failures lock them out. */
public record User(String name, Role role, boolean disabled, int failedLogins, Instant lockedUntil, Instant createdAt,
                   String createdBy) {}
