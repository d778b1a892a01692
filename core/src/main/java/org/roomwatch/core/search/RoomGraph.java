package org.roomwatch.core.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rooms tagged with a school and how they are tied together, as a graph an officer can explore: forwards (from the
 * origin room to the room that forwarded), invite links (from the room a link was posted in to the room it invites
 * to), the same photo (PDQ within 31: rooms re-upload each other's pictures) or video (the same file) posted in
 * several rooms, and the same poster posting in several rooms. An image or a
 * poster seen in n rooms links the room where it was seen first to each of the others (n - 1 edges, as a spread
 * does), not every pair of them. Rooms outside the school's that forwards or links point to are nodes too, marked
 * untagged, and unwatched when nothing of them was ever crawled.
 */
public record RoomGraph(String schoolId, List<Node> nodes, List<Edge> edges, Totals totals, boolean cut) {
    public static final String FORWARD = "forward";
    public static final String LINK = "link";
    public static final String SHARED = "shared";
    public static final String POSTER = "poster";

    /**
     * A room: tagged with the school (by its name or its messages) or only reached by a forward or a link; watched when
     * it is in the rooms index; its audience as last captured (null: never captured, not zero).
     */
    public record Node(String roomId, String title, boolean tagged, boolean namedForSchool, boolean watched, Long audience,
                       long schoolMessages) {}

    /** Ties of one kind between two rooms, {@code count} of them (forwarded messages, links, images or posters). */
    public record Edge(String from, String to, String kind, long count) {}

    /** Rooms tagged, rooms reached outside them, and the edges of each kind. */
    public record Totals(int taggedRooms, int otherRooms, Map<String, Integer> edges) {}

    /** What the index knows of the tagged rooms' ties, before it is made into a graph. */
    public record Facts(List<Node> rooms, List<Flow> forwards, List<Flow> links, List<Posted> media, List<Posted> posters,
                        boolean cut) {}

    /** Messages of {@code from} reaching {@code to}: forwards (origin to forwarder) or links (poster room to target). */
    public record Flow(String from, String to, long messages) {}

    /** One image (by SHA-256) or one poster, and the rooms it was seen in with when it was first seen in each. */
    public record Posted(String key, Map<String, Instant> firstSeenByRoom) {}

    /** The graph of {@code facts}: edges merged per pair and kind, self-loops dropped, nodes in the order given. */
    public static RoomGraph of(String schoolId, Facts facts) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        facts.rooms().forEach(n -> nodes.putIfAbsent(n.roomId(), n));
        Map<String, Long> counts = new TreeMap<>();
        for (Flow f : facts.forwards()) {
            add(counts, nodes, f.from(), f.to(), FORWARD, f.messages());
        }
        for (Flow f : facts.links()) {
            add(counts, nodes, f.from(), f.to(), LINK, f.messages());
        }
        star(counts, nodes, facts.media(), SHARED);
        star(counts, nodes, facts.posters(), POSTER);
        List<Edge> edges = new ArrayList<>();
        Map<String, Integer> byKind = new TreeMap<>(Map.of(FORWARD, 0, LINK, 0, SHARED, 0, POSTER, 0));
        counts.forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            edges.add(new Edge(parts[0], parts[1], parts[2], count));
            byKind.merge(parts[2], 1, Integer::sum);
        });
        int tagged = (int) nodes.values().stream().filter(Node::tagged).count();
        return new RoomGraph(schoolId, List.copyOf(nodes.values()), List.copyOf(edges),
                new Totals(tagged, nodes.size() - tagged, byKind), facts.cut());
    }

    /** An image or a poster in several rooms: from the room where it was first seen to each of the others. */
    private static void star(Map<String, Long> counts, Map<String, Node> nodes, List<Posted> posted, String kind) {
        for (Posted p : posted) {
            if (p.firstSeenByRoom().size() < 2) {
                continue;
            }
            String first = p.firstSeenByRoom().entrySet().stream()
                    .min(Comparator.comparing((Map.Entry<String, Instant> e) -> e.getValue() == null ? Instant.MAX : e.getValue())
                            .thenComparing(Map.Entry::getKey))
                    .orElseThrow().getKey();
            for (String room : p.firstSeenByRoom().keySet()) {
                add(counts, nodes, first, room, kind, 1);
            }
        }
    }

    private static void add(Map<String, Long> counts, Map<String, Node> nodes, String from, String to, String kind, long n) {
        if (from == null || to == null || from.equals(to) || n <= 0) {
            return;
        }
        // An end the facts did not describe is a room reached only through this edge, never crawled.
        nodes.putIfAbsent(from, new Node(from, null, false, false, false, null, 0));
        nodes.putIfAbsent(to, new Node(to, null, false, false, false, null, 0));
        counts.merge(from + "\u0000" + to + "\u0000" + kind, n, Long::sum);
    }
}
