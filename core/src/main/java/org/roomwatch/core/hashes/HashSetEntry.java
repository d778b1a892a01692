package org.roomwatch.core.hashes;

/** A known hash in a named set: kind ({@code pdq}, {@code md5} or {@code sha256}), lower-case hex, optional label. */
public record HashSetEntry(String kind, String value, String label) {}
