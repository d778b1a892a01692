package org.roomwatch.core.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.VideoHashes;
import org.roomwatch.core.hashes.HashSetEntry;

/** Near-duplicate clusters of what a room posted, and the cases they belong to, worked out by hand. */
class ClustersTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");

    private static String hex(long[] w) {
        return String.format("%016x%016x%016x%016x", w[0], w[1], w[2], w[3]);
    }

    private static long[] random(Random r) {
        return new long[] {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()};
    }

    /** {@code h} with its first {@code bits} bits flipped. */
    private static String flipped(long[] h, int bits) {
        long[] w = h.clone();
        for (int b = 0; b < bits; b++) {
            w[b / 64] ^= 1L << (b % 64);
        }
        return hex(w);
    }

    private static Clusters.Item item(String kind, String sha, List<String> pdqs, int postings, String... rooms) {
        return new Clusters.Item(kind, sha.repeat(32), sha.repeat(16), pdqs, postings, List.of(rooms), T0, T0.plusSeconds(postings));
    }

    @Test
    void nearDuplicatesPhotosAndVideoFramesClusterAndCasesAreNamedWhereVisible() {
        Random r = new Random(5);
        long[] x = random(r);
        long[] other = random(r);
        Clusters.Item a = item("photo", "a1", List.of(hex(x)), 3, "telegram:r1", "telegram:r2");
        Clusters.Item b = item("photo", "b2", List.of(flipped(x, 20)), 2, "telegram:r2", "telegram:r3");
        // A video one of whose frames is the picture, 25 bits off: the same victim's fake, animated.
        Clusters.Item v = item("video", "c3", List.of(hex(random(r)), flipped(x, 25)), 1, "telegram:r4");
        Clusters.Item c = item("photo", "d4", List.of(hex(other)), 1, "telegram:r1");
        Clusters.Item plain = item("photo", "e5", List.of(), 1, "telegram:r9"); // too plain to match on: a cluster of its own
        Map<String, List<HashSetEntry>> visible = Map.of(
                "2026-1", List.of(new HashSetEntry("md5", "d4".repeat(16), "사진 1")),
                "2026-2", List.of(new HashSetEntry(HashSetEntry.VPDQ, "ff".repeat(32), "영상 1",
                        List.of(new VideoHashes.Frame(0, 90, flipped(x, 5), 0.0)))));
        Clusters clusters = Clusters.of(List.of(a, b, v, c, plain), visible, false);

        assertEquals(3, clusters.clusters().size());
        Clusters.Cluster first = clusters.clusters().get(0);
        assertEquals(Set.of("a1".repeat(32), "b2".repeat(32), "c3".repeat(32)),
                first.items().stream().map(Clusters.Item::sha256).collect(Collectors.toSet()));
        assertEquals(6, first.postings());
        assertEquals(4, first.rooms(), "r1, r2, r3, r4: each once");
        assertEquals(List.of("2026-2"), first.cases(), "a frame of a listed video within 31 of the picture");
        assertEquals(List.of("2026-1"), clusters.clusters().get(1).cases(), "by the listed MD5");
        assertEquals(List.of(), clusters.clusters().get(2).cases());

        // Need to know: with no visible case, the same clusters name none.
        assertEquals(List.of(List.of(), List.of(), List.of()),
                Clusters.of(List.of(a, b, v, c, plain), Map.of(), false).clusters().stream().map(Clusters.Cluster::cases).toList());
    }
}
