package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every occurrence of many patterns in one left-to-right pass (Aho and Corasick, 1975). Children are kept in sorted
 * char arrays, found by binary search: compact for a hundred thousand patterns, and fast on Hangul, whose code
 * points are too spread out for flat tables.
 */
public final class AhoCorasick {
    private char[][] keys = new char[16][];
    private int[][] next = new int[16][];
    private int[] fail = new int[16];
    private int[] output = new int[16];      // pattern id ending here, or -1
    private int[] dictLink = new int[16];    // nearest node on the fail chain with an output, or -1
    private int size = 1;
    private final List<Integer> lengths = new ArrayList<>();
    private boolean built;

    public AhoCorasick() {
        keys[0] = new char[0];
        next[0] = new int[0];
        output[0] = -1;
    }

    /** Adds a pattern; returns its id (0, 1, 2 … in order of addition; the same text twice gets the first id). */
    public int add(CharSequence pattern) {
        if (built) {
            throw new IllegalStateException("patterns cannot be added after matching started");
        }
        if (pattern.length() == 0) {
            throw new IllegalArgumentException("empty pattern");
        }
        int node = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int child = child(node, c);
            if (child < 0) {
                child = newNode();
                insertChild(node, c, child);
            }
            node = child;
        }
        if (output[node] < 0) {
            output[node] = lengths.size();
            lengths.add(pattern.length());
        }
        return output[node];
    }

    public int patternLength(int id) {
        return lengths.get(id);
    }

    public int patterns() {
        return lengths.size();
    }

    /** Receives each occurrence: pattern id and the index one past its last char. */
    @FunctionalInterface
    public interface Hits {
        void hit(int pattern, int end);
    }

    public void search(char[] text, int length, Hits hits) {
        build();
        int node = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            int child;
            while ((child = child(node, c)) < 0 && node != 0) {
                node = fail[node];
            }
            node = child < 0 ? 0 : child;
            for (int n = output[node] >= 0 ? node : dictLink[node]; n > 0; n = dictLink[n]) {
                hits.hit(output[n], i + 1);
            }
        }
    }

    private synchronized void build() {
        if (built) {
            return;
        }
        int[] queue = new int[size];
        int head = 0;
        int tail = 0;
        fail[0] = 0;
        dictLink[0] = -1;
        for (int child : next[0]) {
            fail[child] = 0;
            dictLink[child] = -1;
            queue[tail++] = child;
        }
        while (head < tail) {
            int node = queue[head++];
            for (int k = 0; k < keys[node].length; k++) {
                char c = keys[node][k];
                int child = next[node][k];
                int f = fail[node];
                int target;
                while ((target = child(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = target < 0 || target == child ? 0 : target;
                int link = fail[child];
                dictLink[child] = output[link] >= 0 ? link : dictLink[link];
                if (link == 0) {
                    dictLink[child] = -1;
                }
                queue[tail++] = child;
            }
        }
        built = true;
    }

    private int child(int node, char c) {
        char[] k = keys[node];
        int at = Arrays.binarySearch(k, c);
        return at < 0 ? -1 : next[node][at];
    }

    private void insertChild(int node, char c, int child) {
        char[] k = keys[node];
        int[] n = next[node];
        int at = -Arrays.binarySearch(k, c) - 1;
        char[] k2 = new char[k.length + 1];
        int[] n2 = new int[n.length + 1];
        System.arraycopy(k, 0, k2, 0, at);
        System.arraycopy(n, 0, n2, 0, at);
        k2[at] = c;
        n2[at] = child;
        System.arraycopy(k, at, k2, at + 1, k.length - at);
        System.arraycopy(n, at, n2, at + 1, n.length - at);
        keys[node] = k2;
        next[node] = n2;
    }

    private int newNode() {
        if (size == keys.length) {
            int grown = size * 2;
            keys = Arrays.copyOf(keys, grown);
            next = Arrays.copyOf(next, grown);
            fail = Arrays.copyOf(fail, grown);
            output = Arrays.copyOf(output, grown);
            dictLink = Arrays.copyOf(dictLink, grown);
        }
        keys[size] = new char[0];
        next[size] = new int[0];
        output[size] = -1;
        return size++;
    }
}
