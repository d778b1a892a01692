package org.roomwatch.media;

/** A PDQ hash and its quality (0..100; below {@link PdqHash#MIN_QUALITY} the hash is too weak to match on). */
public record PdqResult(PdqHash hash, int quality) {}
