package org.roomwatch.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory multi-index over PDQ hashes: each of the 16 chunks of 16 bits maps to the hashes that have that chunk.
 * Every stored hash within distance d of a query shares some chunk within floor(d/16) bits of the query's, so the
 * neighbourhoods of the query's chunks give every candidate; candidates are then checked exactly. Exact, like a scan,
 * at a few hundred lookups instead of one comparison per stored hash.
 */
public final class PdqIndex {
    private final PdqHash[] hashes;
    /** chunks[c][v]: the hashes whose chunk c has value v (null when none); direct tables, no boxing on lookup. */
    private final int[][][] chunks = new int[16][][];

    public PdqIndex(List<PdqHash> hashes) {
        this.hashes = hashes.toArray(PdqHash[]::new);
        if (this.hashes.length == 0) {
            return;
        }
        for (int c = 0; c < 16; c++) {
            Map<Integer, List<Integer>> building = new HashMap<>();
            for (int i = 0; i < this.hashes.length; i++) {
                building.computeIfAbsent(this.hashes[i].chunk(c), k -> new ArrayList<>(1)).add(i);
            }
            int[][] table = new int[65536][];
            building.forEach((k, v) -> table[k] = v.stream().mapToInt(Integer::intValue).toArray());
            chunks[c] = table;
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
        boolean[] seen = new boolean[hashes.length];
        int[] out = new int[8];
        int n = 0;
        for (int c = 0; c < 16; c++) {
            int[][] table = chunks[c];
            int value = query.chunk(c);
            for (int variant : neighbours(value, radius)) {
                int[] bucket = table[variant];
                if (bucket == null) {
                    continue;
                }
                for (int i : bucket) {
                    if (!seen[i]) {
                        seen[i] = true;
                        if (hashes[i].distance(query) <= maxDistance) {
                            if (n == out.length) {
                                out = Arrays.copyOf(out, n * 2);
                            }
                            out[n++] = i;
                        }
                    }
                }
            }
        }
        return Arrays.copyOf(out, n);
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
