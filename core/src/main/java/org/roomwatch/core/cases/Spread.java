package org.roomwatch.core.cases;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.cases.CaseSightings.RoomAudience;
import org.roomwatch.core.cases.CaseSightings.Sighting;

/**
 * How a case's images and videos spread: every posting in time order, the first, forwards (origin room and message to
 * the posting), the rooms as a graph (nodes with their audience as captured; edges for forwards, and for the same
 * photo or video of the case posted again without a forward, from the room where it was first posted), and totals.
 * Worked out from the case's sightings and the rooms' audiences, with no other input, so the same sightings always
 * give the same numbers.
 *
 * <p>The audience reached is an upper bound: each room's audience counted once, members of several rooms counted in
 * each. A room whose audience was never captured is unknown, not zero, and is counted apart.
 */
public record Spread(String caseNumber, Totals totals, Posting first, List<Posting> postings, List<Node> rooms, List<Edge> edges,
                     boolean postingsCut) {
    /** A point of the timeline: by this time, so many postings, reaching at most so many people (each room once). */
    public record TimelinePoint(Instant at, int postings, long audience) {}

    /** The timeline over every posting, thinned to at most {@code maxPoints} (the last point always kept). */
    public List<TimelinePoint> timeline(int maxPoints) {
        Map<String, Long> audience = new HashMap<>();
        rooms.forEach(r -> audience.put(r.roomId(), r.audience()));
        List<TimelinePoint> all = new ArrayList<>();
        Set<String> counted = new HashSet<>();
        long reached = 0;
        int n = 0;
        for (Posting p : postings) {
            n++;
            if (counted.add(p.roomId()) && audience.get(p.roomId()) != null) {
                reached += audience.get(p.roomId());
            }
            if (p.at() != null) {
                all.add(new TimelinePoint(p.at(), n, reached));
            }
        }
        if (all.size() <= maxPoints) {
            return all;
        }
        List<TimelinePoint> thinned = new ArrayList<>();
        double step = (double) all.size() / (maxPoints - 1);
        for (int i = 0; i < maxPoints - 1; i++) {
            thinned.add(all.get((int) (i * step)));
        }
        thinned.add(all.get(all.size() - 1));
        return thinned;
    }

    /** The same spread with at most {@code max} postings listed (the earliest); totals, graph and first are whole. */
    public Spread listing(int max) {
        return postings.size() <= max ? this : new Spread(caseNumber, totals, first, postings.subList(0, max), rooms, edges, true);
    }

    /** One posting of one of the case's images or videos. {@code forwardedFromRoom} is the origin's room id, if known. */
    public record Posting(String photo, String mediaSha256, String matchedBy, String roomId, String room, long messageId,
                          String permalink, Instant postedAt, Instant capturedAt, Instant deletedAt, String seenThrough,
                          String poster, Long views, String forwardedFrom, String forwardedFromRoom, Long forwardedFromMessage,
                          String rawSha256) {
        /** When it was posted, or, where the source gives no date, when it was captured. */
        public Instant at() {
            return postedAt != null ? postedAt : capturedAt;
        }
    }

    /**
     * A room of the graph: watched (crawled, in the rooms index) or only named as a forward origin; its audience as
     * last captured (null: never captured), its postings of the case, and whether the first posting is here.
     */
    public record Node(String roomId, String title, boolean watched, Long audience, Instant audienceCapturedAt, int postings,
                       Instant firstPosting, boolean first) {}

    /** An edge: {@code forward} (a posting forwarded from the other room) or {@code shared} (the same image posted again). */
    public record Edge(String from, String to, String kind, int postings) {}

    /**
     * Rooms with postings; postings; distinct posters (where the source names one); the audience reached as an upper
     * bound, with the rooms whose audience is unknown apart; views where the source shows them; still online and
     * deleted.
     */
    public record Totals(int rooms, int postings, int distinctPosters, int postingsWithoutPoster, long audienceUpperBound,
                         int roomsWithUnknownAudience, long views, int postingsWithoutViews, int online, int deleted) {}

    /** The spread of a case's sightings, with the audiences of the rooms the rooms index holds. */
    public static Spread of(String caseNumber, Collection<Sighting> sightings, Map<String, RoomAudience> audiences) {
        List<Posting> postings = new ArrayList<>();
        for (Sighting s : sightings) {
            Origin origin = Origin.parse(s.forwardedFrom());
            postings.add(new Posting(s.photo(), s.imageSha256(), s.matchedBy(), s.roomId(), s.room(), s.messageId(), s.permalink(),
                    s.postedAt(), s.capturedAt(), s.deletedAt(), s.seenThrough(), s.poster(), s.views(), s.forwardedFrom(),
                    origin == null ? null : origin.roomId(), origin == null ? null : origin.messageId(), s.rawSha256()));
        }
        postings.sort(Comparator.comparing(Posting::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Posting::roomId).thenComparingLong(Posting::messageId));
        Posting first = postings.isEmpty() ? null : postings.get(0);

        Map<String, List<Posting>> byRoom = new LinkedHashMap<>();
        postings.forEach(p -> byRoom.computeIfAbsent(p.roomId(), k -> new ArrayList<>()).add(p));
        Map<String, Integer> edgeCounts = new LinkedHashMap<>();
        // The case's photo or video (not the file): a re-encoded copy posted elsewhere is the same picture spreading.
        Map<String, String> firstRoomOf = new HashMap<>(); // the case's label -> the room of its first posting
        Set<String> origins = new LinkedHashSet<>();
        for (Posting p : postings) {
            String firstRoom = firstRoomOf.putIfAbsent(p.photo(), p.roomId());
            if (p.forwardedFromRoom() != null) {
                origins.add(p.forwardedFromRoom());
                if (!p.forwardedFromRoom().equals(p.roomId())) {
                    edgeCounts.merge(p.forwardedFromRoom() + "\u0000" + p.roomId() + "\u0000forward", 1, Integer::sum);
                }
            } else if (firstRoom != null && !firstRoom.equals(p.roomId())) {
                edgeCounts.merge(firstRoom + "\u0000" + p.roomId() + "\u0000shared", 1, Integer::sum);
            }
        }
        List<Edge> edges = new ArrayList<>();
        edgeCounts.forEach((key, count) -> {
            String[] k = key.split("\u0000");
            edges.add(new Edge(k[0], k[1], k[2], count));
        });

        List<Node> nodes = new ArrayList<>();
        long audience = 0;
        int unknownAudience = 0;
        for (Map.Entry<String, List<Posting>> e : byRoom.entrySet()) {
            RoomAudience a = audiences.get(e.getKey());
            Long reach = a == null ? null : a.audience();
            if (reach == null) {
                unknownAudience++;
            } else {
                audience += reach;
            }
            Posting earliest = e.getValue().get(0);
            nodes.add(new Node(e.getKey(), a == null ? earliest.room() : a.title(), a != null, reach, a == null ? null : a.capturedAt(),
                    e.getValue().size(), earliest.at(), first != null && first.roomId().equals(e.getKey())));
        }
        for (String origin : origins) {
            if (!byRoom.containsKey(origin)) {
                // A room the case's images were forwarded from, holding no posting the index knows of: shown, marked
                // as not watched when it was never crawled. Its audience does not count: none of its postings is known.
                RoomAudience a = audiences.get(origin);
                nodes.add(new Node(origin, a == null ? origin : a.title(), a != null, a == null ? null : a.audience(),
                        a == null ? null : a.capturedAt(), 0, null, false));
            }
        }

        Set<String> posters = new HashSet<>();
        int withoutPoster = 0;
        long views = 0;
        int withoutViews = 0;
        int deleted = 0;
        for (Posting p : postings) {
            if (p.poster() == null) {
                withoutPoster++;
            } else {
                posters.add(p.poster());
            }
            if (p.views() == null) {
                withoutViews++;
            } else {
                views += p.views();
            }
            deleted += p.deletedAt() != null ? 1 : 0;
        }
        Totals totals = new Totals(byRoom.size(), postings.size(), posters.size(), withoutPoster, audience, unknownAudience, views,
                withoutViews, postings.size() - deleted, deleted);
        return new Spread(caseNumber, totals, first, List.copyOf(postings), List.copyOf(nodes), List.copyOf(edges), false);
    }

    /** The room id a forward origin names, or null when it names none (only a person's or a channel's name). */
    public static String originRoom(String forwardedFrom) {
        Origin origin = Origin.parse(forwardedFrom);
        return origin == null ? null : origin.roomId();
    }

    /**
     * A forward origin as the sources give it: a t.me address of the room (and message), {@code chat:ID/MESSAGE} from
     * an account, or only a name (no room can be told from it).
     */
    record Origin(String roomId, Long messageId) {
        static Origin parse(String forwardedFrom) {
            if (forwardedFrom == null || forwardedFrom.isBlank()) {
                return null;
            }
            String v = forwardedFrom.strip();
            if (v.startsWith("chat:")) {
                String[] parts = v.substring(5).split("/", 2);
                return new Origin("telegram:chat:" + parts[0], parts.length > 1 ? number(parts[1]) : null);
            }
            if (v.startsWith("http://") || v.startsWith("https://")) {
                String path;
                try {
                    path = URI.create(v).getPath();
                } catch (IllegalArgumentException e) {
                    return null;
                }
                List<String> parts = new ArrayList<>(List.of(path.replaceAll("^/+", "").split("/")));
                if (!parts.isEmpty() && parts.get(0).equals("s")) {
                    parts.remove(0);
                }
                if (parts.isEmpty() || parts.get(0).isBlank()) {
                    return null;
                }
                return new Origin("telegram:" + parts.get(0), parts.size() > 1 ? number(parts.get(1)) : null);
            }
            return null;
        }

        private static Long number(String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
