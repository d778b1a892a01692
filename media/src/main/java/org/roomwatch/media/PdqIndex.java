package org.roomwatch.media;

import java.util.Arrays;
import java.util.List;

/**
 * An in-memory multi-index over PDQ hashes: each of the 16 chunks of 16 bits maps to the hashes that have that chunk.
 * Every stored hash within distance d of a query shares some chunk within floor(d/16) bits of the query's, so the
 * neighbourhoods of the query's chunks give every candidate; candidates are then checked exactly. Exact, like a scan,
 * at a few hundred lookups instead of one comparison per stored hash.
 */
public final class PdqIndex {
    private final PdqHash[] hashes;
    /** The hashes' words side by side (4 longs each): a candidate costs one cache line, not an object walk. */
    private final long[] words;
    /**
     * Per chunk c, its buckets in one array: the hashes whose chunk c has value v are
     * {@code members[c][start[c][v]] .. members[c][start[c][v + 1] - 1]}. Flat arrays, no boxing, no per-bucket objects.
     */
    private final int[][] start = new int[16][];
    private final int[][] members = new int[16][];
    /**
     * occupied[c]: one bit per chunk value that has any hash. 8 KiB per chunk stays in the CPU cache, where the
     * 256 KiB bucket starts do not; most of a query's 272 neighbour lookups are empty and stop at the bit.
     */
    private final long[][] occupied = new long[16][1024];
    /** FLIPS[r]: the masks that flip at most r of a chunk's 16 bits (the neighbourhood of any value is value ^ mask). */
    private static final int[][] FLIPS = {neighbours(0, 0), neighbours(0, 1), neighbours(0, 2)};

    public PdqIndex(List<PdqHash> hashes) {
        this.hashes = hashes.toArray(PdqHash[]::new);
        int n = this.hashes.length;
        this.words = new long[n * 4];
        for (int i = 0; i < n; i++) {
            PdqHash h = this.hashes[i];
            words[4 * i] = h.w0();
            words[4 * i + 1] = h.w1();
            words[4 * i + 2] = h.w2();
            words[4 * i + 3] = h.w3();
        }
        for (int c = 0; c < 16; c++) {
            int[] begin = new int[65537];
            for (PdqHash h : this.hashes) {
                begin[h.chunk(c) + 1]++;
            }
            for (int v = 0; v < 65536; v++) {
                begin[v + 1] += begin[v];
            }
            int[] fill = Arrays.copyOf(begin, 65536);
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                int v = this.hashes[i].chunk(c);
                ids[fill[v]++] = i;
                occupied[c][v >>> 6] |= 1L << v;
            }
            start[c] = begin;
            members[c] = ids;
        }
    }

    public int size() {
        return hashes.length;
    }

    public PdqHash get(int index) {
        return hashes[index];
    }

    /** Indexes of every stored hash within {@code maxDistance} (0..47 through the chunks; beyond, a full scan). */
    public int[] within(PdqHash query, int maxDistance) {
        if (hashes.length == 0) {
            return new int[0];
        }
        int radius = maxDistance / 16;
        if (radius > 2) {
            return scan(query, maxDistance);
        }
        int[] masks = FLIPS[radius];
        long q0 = query.w0(), q1 = query.w1(), q2 = query.w2(), q3 = query.w3();
        // No "seen" array: a query meets only a few dozen candidates, and clearing one flag per stored hash cost
        // more than the search. A match reached through several chunks is removed once, at the end.
        int[] out = new int[8];
        int n = 0;
        for (int c = 0; c < 16; c++) {
            long[] bits = occupied[c];
            int[] begin = start[c];
            int[] ids = members[c];
            int value = query.chunk(c);
            for (int mask : masks) {
                int variant = value ^ mask;
                if ((bits[variant >>> 6] & (1L << variant)) == 0) {
                    continue;
                }
                for (int k = begin[variant], end = begin[variant + 1]; k < end; k++) {
                    int i = ids[k];
                    int w = 4 * i;
                    int d = Long.bitCount(words[w] ^ q0) + Long.bitCount(words[w + 1] ^ q1)
                            + Long.bitCount(words[w + 2] ^ q2) + Long.bitCount(words[w + 3] ^ q3);
                    if (d <= maxDistance) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = i;
                    }
                }
            }
        }
        return n <= 1 ? Arrays.copyOf(out, n) : Arrays.stream(out, 0, n).sorted().distinct().toArray();
    }

    private int[] scan(PdqHash query, int maxDistance) {
        return java.util.stream.IntStream.range(0, hashes.length).filter(i -> hashes[i].distance(query) <= maxDistance).toArray();
    }

    /** A 16-bit chunk value and every value within {@code radius} (0, 1 or 2) bits of it: itself first, then by bit. */
    public static int[] neighbours(int value, int radius) {
        if (radius < 0 || radius > 2) {
            throw new IllegalArgumentException("chunk radius must be 0, 1 or 2, got " + radius);
        }
        int count = 1 + (radius >= 1 ? 16 : 0) + (radius >= 2 ? 120 : 0);
        int[] out = new int[count];
        int n = 0;
        out[n++] = value;
        for (int b = 0; radius >= 1 && b < 16; b++) {
            out[n++] = value ^ (1 << b);
            for (int b2 = b + 1; radius >= 2 && b2 < 16; b2++) {
                out[n++] = value ^ (1 << b) ^ (1 << b2);
            }
        }
        return out;
    }
}
