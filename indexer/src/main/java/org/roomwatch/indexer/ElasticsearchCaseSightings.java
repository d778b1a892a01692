package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.roomwatch.core.cases.CaseSightings;

/**
 * Where a case's photos appear, read from the index: messages through a point in time (so an export of any size runs
 * in constant memory), rooms' states from the rooms index.
 */
public final class ElasticsearchCaseSightings implements CaseSightings {
    /** Messages per page of the point-in-time scan: large pages, since a case's spread reads them all. */
    private static final int PAGE = 5000;
    private static final int TERMS_PER_QUERY = 1000;

    private final ElasticsearchClient client;
    private final IndexNames names;

    public ElasticsearchCaseSightings(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void forEach(Map<String, ImageHit> images, Consumer<Sighting> each) {
        List<String> digests = new ArrayList<>(images.keySet());
        for (int from = 0; from < digests.size(); from += TERMS_PER_QUERY) {
            List<FieldValue> terms = digests.subList(from, Math.min(digests.size(), from + TERMS_PER_QUERY)).stream()
                    .map(FieldValue::of).toList();
            try {
                PitScan.scan(client, names.messages(), PAGE, s -> s
                        .query(q -> q.terms(t -> t.field("media_sha256").terms(v -> v.value(terms))))
                        .source(src -> src.filter(f -> f.includes("room_id", "room", "message_id", "permalink",
                                "posted_at", "captured_at", "deleted_at", "seen_through", "media_sha256", "sender_id", "author",
                                "views", "forwarded_from", "raw_sha256"))), hits -> {
                    for (Hit<Map> hit : hits) {
                        emit(hit.source(), images, each);
                    }
                });
            } catch (IOException e) {
                throw new IndexWriteException("could not read the case's sightings: " + e.getMessage(), e);
            }
        }
    }

    private static void emit(Map<String, Object> doc, Map<String, ImageHit> images, Consumer<Sighting> each) {
        Object media = doc.get("media_sha256");
        Collection<?> shas = media instanceof Collection<?> list ? list : media == null ? List.of() : List.of(media);
        for (Object sha : new TreeSet<>(shas.stream().map(String::valueOf).toList())) {
            ImageHit hit = images.get(sha);
            if (hit != null) {
                each.accept(new Sighting(hit.photo(), hit.matchedBy(), hit.distance(), (String) sha,
                        (String) doc.get("room_id"), (String) doc.get("room"), ((Number) doc.get("message_id")).longValue(),
                        (String) doc.get("permalink"), instant(doc.get("posted_at")), instant(doc.get("captured_at")),
                        instant(doc.get("deleted_at")), (String) doc.get("seen_through"), poster(doc),
                        doc.get("views") == null ? null : ((Number) doc.get("views")).longValue(), (String) doc.get("forwarded_from"),
                        (String) doc.get("raw_sha256")));
            }
        }
    }

    /** Who posted: the sender's id where the source gives one, else the author's signature, else unknown. */
    private static String poster(Map<String, Object> doc) {
        Object sender = doc.get("sender_id");
        if (sender != null && !sender.toString().isBlank()) {
            return "sender:" + sender;
        }
        Object author = doc.get("author");
        return author == null || author.toString().isBlank() ? null : "author:" + author;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, RoomAudience> audiences(Collection<String> roomIds) {
        Map<String, RoomAudience> out = new java.util.LinkedHashMap<>();
        List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(roomIds));
        try {
            for (int from = 0; from < ids.size(); from += TERMS_PER_QUERY) {
                List<String> slice = ids.subList(from, Math.min(ids.size(), from + TERMS_PER_QUERY));
                MgetResponse<Map> rooms = client.mget(m -> m.index(names.rooms()).ids(slice), Map.class);
                rooms.docs().forEach(d -> {
                    if (d.isResult() && d.result().found()) {
                        Map<String, Object> r = d.result().source();
                        out.put(d.result().id(), new RoomAudience(d.result().id(), (String) r.get("title"), number(r.get("members")),
                                number(r.get("subscribers")), instant(r.get("captured_at"))));
                    }
                });
            }
        } catch (IOException e) {
            throw new IndexWriteException("could not read the rooms' audiences: " + e.getMessage(), e);
        }
        return out;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<RoomSummary> rooms(RoomTallies tallies) {
        Map<String, RoomTallies.Tally> byRoom = tallies.byRoom();
        Map<String, Map> state = new HashMap<>();
        if (!byRoom.isEmpty()) {
            try {
                MgetResponse<Map> rooms = client.mget(m -> m.index(names.rooms()).ids(new ArrayList<>(byRoom.keySet())), Map.class);
                rooms.docs().forEach(d -> {
                    if (d.isResult() && d.result().found()) {
                        state.put(d.result().id(), d.result().source());
                    }
                });
            } catch (IOException e) {
                throw new IndexWriteException("could not read the rooms of the case's sightings: " + e.getMessage(), e);
            }
        }
        List<RoomSummary> out = new ArrayList<>();
        byRoom.forEach((roomId, t) -> {
            Map<String, Object> room = state.getOrDefault(roomId, Map.of());
            out.add(new RoomSummary(roomId, (String) room.get("title"), (String) room.get("kind"),
                    (Boolean) room.get("has_preview"), (String) room.get("invite"), instant(room.get("captured_at")),
                    t.first(), t.last(), t.messages(), t.best(), List.copyOf(t.photos())));
        });
        out.sort((a, b) -> compareDesc(a.lastSeen(), b.lastSeen()));
        return out;
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }

    private static int compareDesc(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return b.compareTo(a);
    }
}
