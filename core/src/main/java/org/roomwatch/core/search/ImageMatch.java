package org.roomwatch.core.search;

/**
 * A stored image near a queried hash: the Hamming distance, and which form of the query matched ({@code original},
 * or a rotation/flip such as {@code rotate90} when dihedral variants were tried).
 */
public record ImageMatch(ImageRecord image, int distance, String matchedAs) {}
