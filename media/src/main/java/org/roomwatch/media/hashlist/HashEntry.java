package org.roomwatch.media.hashlist;

/** One known hash: its kind, its value (lower-case hex) and an optional label from the source (an id, a case). */
public record HashEntry(HashKind kind, String value, String label) {}
