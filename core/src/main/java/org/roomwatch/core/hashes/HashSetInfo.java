package org.roomwatch.core.hashes;

import java.time.Instant;

/** A named set of known hashes, as imported. */
public record HashSetInfo(String name, String description, int entries, Instant importedAt) {}
