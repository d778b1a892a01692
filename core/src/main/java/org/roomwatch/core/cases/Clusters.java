package org.roomwatch.core.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.roomwatch.core.hashes.HashSetEntry;
import org.roomwatch.core.search.DisjointSets;
import org.roomwatch.core.search.PdqBits;

/**
 * Further victims: the images and videos a room or a poster posted, grouped into near-duplicate clusters (photos
 * within 31 of each other, a video with any photo or video one of whose frames is within 31), each with how widely it
 * spread and the cases (among those the asker may see) it belongs to. A cluster in no case may be a victim nobody has
 * come forward for yet.
 */
public record Clusters(List<Cluster> clusters, boolean cut) {
    public static final int DISTANCE = 31;

    /**
     * One stored image or video: its kind, digests, the PDQ hashes it is matched by (a photo's own, a video's frames
     * of quality 50 or more), and its sightings everywhere.
     */
    public record Item(String kind, String sha256, String md5, List<String> pdqs, int postings, List<String> rooms,
                       Instant firstSeen, Instant lastSeen) {}

    /** Near duplicates of one another: their postings and rooms together, and the visible cases holding any of them. */
    public record Cluster(List<Item> items, int postings, int rooms, Instant firstSeen, Instant lastSeen, List<String> cases) {}

    /**
     * The clusters of {@code items}, most posted first. {@code caseEntries} maps each case the asker may see to its hash
     * set's entries: a cluster belongs to a case when one of its items has a listed digest or a PDQ within 31 of a listed
     * PDQ or of a listed video's frame.
     */
    public static Clusters of(List<Item> items, Map<String, List<HashSetEntry>> caseEntries, boolean cut) {
        int n = items.size();
        DisjointSets sets = new DisjointSets(n);
        List<long[][]> hashes = new ArrayList<>(n);
        items.forEach(item -> hashes.add(item.pdqs().stream().map(PdqBits::of).toArray(long[][]::new)));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (!sets.joined(i, j) && near(hashes.get(i), hashes.get(j))) {
                    sets.union(i, j);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(sets.find(i), k -> new ArrayList<>()).add(i);
        }
        List<Cluster> clusters = new ArrayList<>();
        for (List<Integer> members : groups.values()) {
            List<Item> group = members.stream().map(items::get).toList();
            Set<String> rooms = new LinkedHashSet<>();
            int postings = 0;
            Instant first = null;
            Instant last = null;
            for (Item item : group) {
                rooms.addAll(item.rooms());
                postings += item.postings();
                first = item.firstSeen() != null && (first == null || item.firstSeen().isBefore(first)) ? item.firstSeen() : first;
                last = item.lastSeen() != null && (last == null || item.lastSeen().isAfter(last)) ? item.lastSeen() : last;
            }
            Set<String> cases = new TreeSet<>();
            caseEntries.forEach((number, entries) -> {
                if (belongs(group, members.stream().map(hashes::get).toList(), entries)) {
                    cases.add(number);
                }
            });
            clusters.add(new Cluster(group, postings, rooms.size(), first, last, List.copyOf(cases)));
        }
        clusters.sort(Comparator.comparingInt(Cluster::postings).reversed().thenComparing(c -> c.items().get(0).sha256()));
        return new Clusters(List.copyOf(clusters), cut);
    }

    private static boolean belongs(List<Item> group, List<long[][]> groupHashes, List<HashSetEntry> entries) {
        for (HashSetEntry e : entries) {
            switch (e.kind()) {
                case "md5" -> {
                    if (group.stream().anyMatch(i -> e.value().equals(i.md5()))) {
                        return true;
                    }
                }
                case "sha256" -> {
                    if (group.stream().anyMatch(i -> e.value().equals(i.sha256()))) {
                        return true;
                    }
                }
                case "pdq", HashSetEntry.VPDQ -> {
                    long[][] listed = e.isVideo()
                            ? e.frames().stream().filter(f -> f.quality() >= 50).map(f -> PdqBits.of(f.pdq())).toArray(long[][]::new)
                            : new long[][] {PdqBits.of(e.value())};
                    for (long[][] h : groupHashes) {
                        if (near(h, listed)) {
                            return true;
                        }
                    }
                }
                default -> { }
            }
        }
        return false;
    }

    private static boolean near(long[][] a, long[][] b) {
        for (long[] x : a) {
            for (long[] y : b) {
                if (PdqBits.distance(x, y) <= DISTANCE) {
                    return true;
                }
            }
        }
        return false;
    }
}
