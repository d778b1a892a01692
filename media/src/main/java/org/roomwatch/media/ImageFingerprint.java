package org.roomwatch.media;

/**
 * Everything roomwatch keeps of an image: its digests, its PDQ hash and quality, its shape and format. Never pixels.
 * {@code dihedral} is null unless asked for.
 */
public record ImageFingerprint(MediaDigests digests, PdqHash pdq, int quality, int width, int height, ImageFormat format,
                               long bytes, DihedralHashes dihedral) {}
