package org.roomwatch.core.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Photos posted in several rooms as the same picture: rooms re-upload what they take from each other, so the bytes
 * (and the SHA-256) differ while the PDQ stays within 31 bits. Groups PDQs within {@link #DISTANCE} of each other
 * (transitively) and merges where each group was seen. Candidates come from multi-index hashing: two hashes within 31
 * bits agree exactly on at least one of their 32 bytes, so only hashes sharing a byte at the same place are compared.
 * A PDQ of quality under 50 (a flat or tiny picture) says little about what it shows: it only joins its exact equals.
 */
public final class NearPhotos {
    public static final int DISTANCE = 31;

    /** One distinct PDQ seen in the rooms: its quality and when it was first seen in each room. */
    public record Seen(String pdq, int quality, Map<String, Instant> firstSeenByRoom) {}

    private NearPhotos() {}

    /** The groups seen in two or more rooms, each keyed by its first PDQ. */
    public static List<RoomGraph.Posted> inSeveralRooms(List<Seen> seen) {
        int n = seen.size();
        long[][] bits = new long[n][];
        DisjointSets sets = new DisjointSets(n);
        Map<Integer, List<Integer>> buckets = new HashMap<>();
        for (int i = 0; i < n; i++) {
            bits[i] = PdqBits.of(seen.get(i).pdq());
            if (seen.get(i).quality() < 50) {
                continue;
            }
            for (int b = 0; b < 32; b++) {
                int key = b << 8 | (int) (bits[i][b / 8] >>> (56 - 8 * (b % 8)) & 0xff);
                List<Integer> bucket = buckets.computeIfAbsent(key, k -> new ArrayList<>());
                for (int j : bucket) {
                    if (!sets.joined(i, j) && PdqBits.distance(bits[i], bits[j]) <= DISTANCE) {
                        sets.union(i, j);
                    }
                }
                bucket.add(i);
            }
        }
        Map<Integer, Map<String, Instant>> groups = new LinkedHashMap<>();
        Map<Integer, String> keys = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int root = sets.find(i);
            keys.putIfAbsent(root, seen.get(i).pdq());
            Map<String, Instant> rooms = groups.computeIfAbsent(root, k -> new LinkedHashMap<>());
            seen.get(i).firstSeenByRoom().forEach((room, at) -> rooms.merge(room, at == null ? Instant.MAX : at,
                    (x, y) -> x.isBefore(y) ? x : y));
        }
        List<RoomGraph.Posted> out = new ArrayList<>();
        groups.forEach((root, rooms) -> {
            if (rooms.size() >= 2) {
                Map<String, Instant> first = new LinkedHashMap<>();
                rooms.forEach((room, at) -> first.put(room, at.equals(Instant.MAX) ? null : at));
                out.add(new RoomGraph.Posted(keys.get(root), first));
            }
        });
        return out;
    }

}
