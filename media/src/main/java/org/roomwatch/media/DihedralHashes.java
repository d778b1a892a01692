package org.roomwatch.media;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** PDQ of an image and of its seven rotations and flips, all from one DCT; one quality for all. */
public record DihedralHashes(Map<Dihedral, PdqHash> hashes, int quality) {
    public DihedralHashes {
        hashes = Collections.unmodifiableMap(new EnumMap<>(hashes));
    }

    public PdqHash get(Dihedral transform) {
        return hashes.get(transform);
    }
}
