package org.roomwatch.core.search;

/** Union-find over 0..n-1 with path halving: near duplicates grouped transitively. */
public final class DisjointSets {
    private final int[] parent;

    public DisjointSets(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
    }

    /** The representative of {@code i}'s set. */
    public int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins the sets of {@code i} and {@code j}. */
    public void union(int i, int j) {
        int a = find(i);
        int b = find(j);
        if (a != b) {
            parent[a] = b;
        }
    }

    /** Whether {@code i} and {@code j} are in one set. */
    public boolean joined(int i, int j) {
        return find(i) == find(j);
    }
}
