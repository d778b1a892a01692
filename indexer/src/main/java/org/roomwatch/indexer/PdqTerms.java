package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.List;
import org.roomwatch.media.PdqHash;
import org.roomwatch.media.PdqIndex;

/**
 * Multi-index hashing terms. A hash is cut into 16 chunks of 16 bits; each chunk is indexed as one keyword: its
 * position (one hex digit) and its value (four). Two hashes within distance d share, by the pigeonhole principle, at
 * least one chunk within floor(d/16) bits; so querying every chunk and its neighbours up to that radius finds every
 * candidate, and exact distances are then checked.
 */
public final class PdqTerms {
    private PdqTerms() {}

    public static List<String> chunks(String pdqHex) {
        PdqHash hash = PdqHash.fromHex(pdqHex);
        List<String> terms = new ArrayList<>(16);
        for (int c = 0; c < 16; c++) {
            terms.add(term(c, hash.chunk(c)));
        }
        return terms;
    }

    /** Every chunk's term and those of chunks within {@code radius} bits of it (radius 0, 1 or 2). */
    public static List<String> neighbourhood(PdqHash hash, int radius) {
        List<String> terms = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            for (int value : PdqIndex.neighbours(hash.chunk(c), radius)) {
                terms.add(term(c, value));
            }
        }
        return terms;
    }

    static String term(int chunk, int value) {
        return Integer.toHexString(chunk) + String.format("%04x", value);
    }
}
