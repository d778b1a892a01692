package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import co.elastic.clients.util.NamedValue;
import org.roomwatch.core.cases.CaseSightings;
import org.roomwatch.core.cases.Spread;
import org.roomwatch.core.search.NearPhotos;
import org.roomwatch.core.search.RoomGraph;
import org.roomwatch.core.search.RoomTies;
import org.roomwatch.tagging.RoomLinks;

/**
 * The ties among rooms, read from the messages index by aggregations over the rooms' messages: forward origins
 * (paged by a composite aggregation), links to Telegram rooms, photos whose PDQs are near each other (grouped by
 * {@link NearPhotos}), and the video SHA-256s and posters seen in more than one of the rooms (those in the most rooms
 * first), each with the first time it was seen in each room.
 */
public final class ElasticsearchRoomTies implements RoomTies {
    /** Forward pairs read at most; a school's rooms rarely forward from more than a few hundred places. */
    static final int MAX_FORWARD_PAIRS = 20_000;
    static final int MAX_LINKS = 5_000;
    static final int MAX_SHARED = 5_000;
    static final int MAX_PHOTOS = 20_000;
    static final int MAX_OTHER_ROOMS = 200;
    /** Telegram addresses among a message's links (the field keeps them as written). */
    private static final String TELEGRAM_LINK = ".*([Tt]|[Tt][Ee][Ll][Ee][Gg][Rr][Aa][Mm])\\.([Mm][Ee]|[Dd][Oo][Gg])/.*";

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final CaseSightings audiences;

    public ElasticsearchRoomTies(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
        this.audiences = new ElasticsearchCaseSightings(client, names);
    }

    @Override
    public RoomGraph.Facts among(List<RoomGraph.Node> rooms) {
        if (rooms.isEmpty()) {
            return new RoomGraph.Facts(List.of(), List.of(), List.of(), List.of(), List.of(), false);
        }
        List<FieldValue> ids = rooms.stream().map(r -> FieldValue.of(r.roomId())).toList();
        Query inRooms = Query.of(q -> q.terms(t -> t.field("room_id").terms(v -> v.value(ids))));
        boolean[] cut = {false};
        try {
            List<RoomGraph.Flow> forwards = forwards(inRooms, cut);
            List<RoomGraph.Flow> links = links(inRooms, rooms.size(), cut);
            List<RoomGraph.Posted> media = new ArrayList<>(NearPhotos.inSeveralRooms(photos(inRooms, rooms.size(), cut)));
            Query videos = Query.of(q -> q.bool(b -> b.filter(inRooms).filter(f -> f.term(t -> t.field("media.kind").value("video")))));
            media.addAll(shared(videos, "media_sha256", rooms.size(), cut));
            List<RoomGraph.Posted> posters = new ArrayList<>(shared(inRooms, "sender_id", rooms.size(), cut));
            posters.addAll(shared(inRooms, "author.raw", rooms.size(), cut));
            List<RoomGraph.Node> nodes = withOthers(rooms, forwards, links, cut);
            Set<String> shown = new LinkedHashSet<>();
            nodes.forEach(n -> shown.add(n.roomId()));
            // Past the cap on rooms outside the school's, their edges go too (the answer says it was cut).
            return new RoomGraph.Facts(nodes, forwards.stream().filter(f -> shown.contains(f.from())).toList(),
                    links.stream().filter(f -> shown.contains(f.to())).toList(), media, posters, cut[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read how the rooms are tied: " + e.getMessage(), e);
        }
    }

    /** Origin room to forwarding room, counted in messages; origins naming no room (a person, a bare name) left out. */
    private List<RoomGraph.Flow> forwards(Query inRooms, boolean[] cut) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, FieldValue> after = null;
        int read = 0;
        while (true) {
            Map<String, FieldValue> from = after;
            var response = client.search(s -> s.index(names.messages()).size(0)
                    .query(q -> q.bool(b -> b.filter(inRooms).filter(f -> f.exists(e -> e.field("forwarded_from")))))
                    .aggregations("pairs", a -> a.composite(c -> {
                        c.size(1000).sources(List.of(
                                Map.of("room", CompositeAggregationSource.of(x -> x.terms(t -> t.field("room_id")))),
                                Map.of("origin", CompositeAggregationSource.of(x -> x.terms(t -> t.field("forwarded_from"))))));
                        return from == null ? c : c.after(from);
                    })), Void.class);
            var pairs = response.aggregations().get("pairs").composite();
            for (CompositeBucket b : pairs.buckets().array()) {
                String origin = Spread.originRoom(b.key().get("origin").stringValue());
                if (origin != null) {
                    counts.merge(origin + "\u0000" + b.key().get("room").stringValue(), b.docCount(), Long::sum);
                }
            }
            read += pairs.buckets().array().size();
            if (pairs.buckets().array().size() < 1000 || pairs.afterKey() == null || pairs.afterKey().isEmpty()) {
                break;
            }
            if (read >= MAX_FORWARD_PAIRS) {
                cut[0] = true;
                break;
            }
            after = pairs.afterKey();
        }
        return flows(counts);
    }

    /** Room a link was posted in to the room it names (t.me/name as telegram:name, an invite as telegram:+HASH). */
    private List<RoomGraph.Flow> links(Query inRooms, int rooms, boolean[] cut) throws IOException {
        var response = client.search(s -> s.index(names.messages()).size(0).query(inRooms)
                .aggregations("links", a -> a.terms(t -> t.field("links").size(MAX_LINKS + 1).include(i -> i.regexp(TELEGRAM_LINK)))
                        .aggregations("rooms", r -> r.terms(t -> t.field("room_id").size(rooms)))), Void.class);
        List<StringTermsBucket> buckets = response.aggregations().get("links").sterms().buckets().array();
        cut[0] |= buckets.size() > MAX_LINKS;
        Map<String, Long> counts = new LinkedHashMap<>();
        for (StringTermsBucket link : buckets.subList(0, Math.min(buckets.size(), MAX_LINKS))) {
            for (RoomLinks.RoomLink target : RoomLinks.find(link.key().stringValue())) {
                for (StringTermsBucket room : link.aggregations().get("rooms").sterms().buckets().array()) {
                    counts.merge(room.key().stringValue() + "\u0000" + target.key(), room.docCount(), Long::sum);
                }
            }
        }
        return flows(counts);
    }

    /**
     * Every distinct photo PDQ in the rooms (the most posted first, at most {@link #MAX_PHOTOS}) with the rooms it was
     * seen in, for grouping near duplicates. A post's quality is the lowest of its photos' (an album's are not told
     * apart): a doubtful one only joins its exact equals.
     */
    private List<NearPhotos.Seen> photos(Query inRooms, int rooms, boolean[] cut) throws IOException {
        var response = client.search(s -> s.index(names.messages()).size(0).query(inRooms)
                .aggregations("pdqs", a -> a.terms(t -> t.field("media.pdq").size(MAX_PHOTOS + 1))
                        .aggregations("quality", q -> q.min(x -> x.field("media.quality")))
                        .aggregations("rooms", r -> r.terms(t -> t.field("room_id").size(rooms))
                                .aggregations("first", m -> m.min(x -> x.field("posted_at"))))), Void.class);
        List<StringTermsBucket> buckets = response.aggregations().get("pdqs").sterms().buckets().array();
        cut[0] |= buckets.size() > MAX_PHOTOS;
        List<NearPhotos.Seen> out = new ArrayList<>();
        for (StringTermsBucket pdq : buckets.subList(0, Math.min(buckets.size(), MAX_PHOTOS))) {
            if (pdq.key().stringValue().length() != 64) {
                continue; // not a PDQ (an unhashed photo has none)
            }
            double quality = pdq.aggregations().get("quality").min().value();
            out.add(new NearPhotos.Seen(pdq.key().stringValue(), Double.isFinite(quality) ? (int) quality : 0,
                    firstSeen(pdq.aggregations().get("rooms").sterms().buckets().array())));
        }
        return out;
    }

    private static Map<String, Instant> firstSeen(List<StringTermsBucket> rooms) {
        Map<String, Instant> first = new LinkedHashMap<>();
        for (StringTermsBucket room : rooms) {
            double at = room.aggregations().get("first").min().value();
            first.put(room.key().stringValue(), Double.isFinite(at) ? Instant.ofEpochMilli((long) at) : null);
        }
        return first;
    }

    /** Values of {@code field} seen in two or more of the rooms, those in the most rooms first, with each room's first sighting. */
    private List<RoomGraph.Posted> shared(Query inRooms, String field, int rooms, boolean[] cut) throws IOException {
        var response = client.search(s -> s.index(names.messages()).size(0).query(inRooms)
                .aggregations("values", a -> a.terms(t -> t.field(field).size(MAX_SHARED + 1).minDocCount(2)
                                .order(List.of(NamedValue.of("spread", SortOrder.Desc), NamedValue.of("_key", SortOrder.Asc))))
                        .aggregations("spread", c -> c.cardinality(x -> x.field("room_id")))
                        .aggregations("rooms", r -> r.terms(t -> t.field("room_id").size(rooms))
                                .aggregations("first", m -> m.min(x -> x.field("posted_at"))))), Void.class);
        List<StringTermsBucket> buckets = response.aggregations().get("values").sterms().buckets().array();
        List<RoomGraph.Posted> out = new ArrayList<>();
        for (StringTermsBucket value : buckets.subList(0, Math.min(buckets.size(), MAX_SHARED))) {
            List<StringTermsBucket> in = value.aggregations().get("rooms").sterms().buckets().array();
            if (in.size() < 2) {
                break; // ordered by the number of rooms: the rest are in one room each
            }
            out.add(new RoomGraph.Posted(value.key().stringValue(), firstSeen(in)));
        }
        cut[0] |= buckets.size() > MAX_SHARED && out.size() == MAX_SHARED;
        return out;
    }

    /** The school's rooms, then the rooms forwards and links reach outside them (as far as the index knows them). */
    private List<RoomGraph.Node> withOthers(List<RoomGraph.Node> rooms, List<RoomGraph.Flow> forwards, List<RoomGraph.Flow> links,
                                            boolean[] cut) {
        Set<String> known = new LinkedHashSet<>();
        rooms.forEach(r -> known.add(r.roomId()));
        Set<String> reached = new LinkedHashSet<>();
        forwards.forEach(f -> reached.add(f.from()));
        links.forEach(f -> reached.add(f.to()));
        reached.removeAll(known);
        cut[0] |= reached.size() > MAX_OTHER_ROOMS;
        List<String> others = new ArrayList<>(reached).subList(0, Math.min(reached.size(), MAX_OTHER_ROOMS));
        Map<String, CaseSightings.RoomAudience> captured = audiences.audiences(known);
        Map<String, CaseSightings.RoomAudience> capturedOthers = others.isEmpty() ? Map.of() : audiences.audiences(others);
        List<RoomGraph.Node> out = new ArrayList<>();
        for (RoomGraph.Node r : rooms) {
            CaseSightings.RoomAudience a = captured.get(r.roomId());
            out.add(new RoomGraph.Node(r.roomId(), a != null && a.title() != null ? a.title() : r.title(), true, r.namedForSchool(),
                    a != null, a == null ? null : a.audience(), r.schoolMessages()));
        }
        for (String id : others) {
            CaseSightings.RoomAudience a = capturedOthers.get(id);
            out.add(new RoomGraph.Node(id, a == null ? null : a.title(), false, false, a != null, a == null ? null : a.audience(), 0));
        }
        return out;
    }

    private static List<RoomGraph.Flow> flows(Map<String, Long> counts) {
        List<RoomGraph.Flow> out = new ArrayList<>();
        counts.forEach((key, n) -> {
            int cut = key.indexOf('\u0000');
            out.add(new RoomGraph.Flow(key.substring(0, cut), key.substring(cut + 1), n));
        });
        return out;
    }
}
