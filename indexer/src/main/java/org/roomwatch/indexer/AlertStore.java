package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.watch.Alert;
import org.roomwatch.core.watch.AlertInbox;

/**
 * Alerts in Elasticsearch. One per watchlist and message (id: list:message, written with create), so the same
 * message never alerts the same list twice, however often it is crawled or how many of the list's rules it hits.
 * States go new → seen → actioned or dismissed; each change is recorded with who made it.
 */
public final class AlertStore implements AlertInbox {
    private static final com.fasterxml.jackson.databind.ObjectMapper DOCUMENTS = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Map<String, Set<String>> NEXT = Map.of(
            "new", Set.of("seen", "actioned", "dismissed"),
            "seen", Set.of("actioned", "dismissed"),
            "actioned", Set.of(),
            "dismissed", Set.of());

    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Clock clock;

    public AlertStore(ElasticsearchClient client, IndexNames names, Clock clock) {
        this.client = client;
        this.names = names;
        this.clock = clock;
    }

    /** A new alert: the list, the rules that matched, the message. */
    public record NewAlert(String id, Map<String, Object> document) {}

    /** What one message matched: its stored document, its id and the rules it hit. */
    public record Matched(Map<String, Object> messageDoc, String messageId, List<WatchMatcher.Hit> hits) {}

    /** Groups the hits on one message by list; returns the alerts that are new (already-raised ones are skipped). */
    public List<NewAlert> raise(Map<String, Object> messageDoc, String messageId, List<WatchMatcher.Hit> hits) {
        return raiseAll(List.of(new Matched(messageDoc, messageId, hits)));
    }

    /**
     * The alerts of a whole batch in one bulk write: a rule on a word or a school a room uses all the time matches most
     * of its messages, and a write per message (each its own request and translog sync) cost the node more than
     * storing the messages did. Returns the new alerts in the order matched; already-raised ones are skipped.
     */
    public List<NewAlert> raiseAll(List<Matched> matched) {
        List<BulkOperation> ops = new ArrayList<>();
        List<NewAlert> candidates = new ArrayList<>();
        for (Matched m : matched) {
            alertsByList(m).forEach((list, doc) -> {
                String id = list + ":" + m.messageId();
                candidates.add(new NewAlert(id, doc));
                ops.add(BulkOperation.of(o -> o.create(c -> c.index(names.alerts()).id(id).document(doc))));
            });
        }
        if (ops.isEmpty()) {
            return List.of();
        }
        try {
            BulkResponse response = client.bulk(b -> b.operations(ops));
            List<NewAlert> created = new ArrayList<>();
            for (int i = 0; i < response.items().size(); i++) {
                BulkResponseItem item = response.items().get(i);
                if (item.error() == null) {
                    created.add(candidates.get(i));
                } else if (item.status() != 409) {
                    throw new IndexWriteException("alert " + item.id() + " was not written: " + item.error().reason(), null);
                }
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write alerts: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> alertsByList(Matched m) {
        Map<String, Object> messageDoc = m.messageDoc();
        Map<String, Map<String, Object>> byList = new LinkedHashMap<>();
        for (WatchMatcher.Hit hit : m.hits()) {
            Map<String, Object> alert = byList.computeIfAbsent(hit.list().id(), id -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("watchlist_id", hit.list().id());
                doc.put("watchlist_name", hit.list().name());
                doc.put("priority", hit.list().highPriority() ? "high" : "normal");
                doc.put("rules", new ArrayList<Map<String, Object>>());
                doc.put("message_id", m.messageId());
                doc.put("room_id", messageDoc.get("room_id"));
                doc.put("permalink", messageDoc.get("permalink"));
                doc.put("posted_at", messageDoc.get("posted_at"));
                doc.put("created_at", clock.instant().toString());
                doc.put("state", "new");
                doc.put("history", new ArrayList<>(List.of(Map.of("state", "new", "by", "roomwatch", "at", clock.instant().toString()))));
                return doc;
            });
            List<Map<String, Object>> rules = (List<Map<String, Object>>) alert.get("rules");
            if (rules.stream().noneMatch(r -> r.get("rule_id").equals(hit.rule().id()))) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("rule_id", hit.rule().id());
                rule.put("kind", hit.rule().kind().key());
                rule.put("matched", hit.matched());
                rule.put("distance", hit.distance());
                if (hit.inPicture()) {
                    rule.put("in_picture", true); // matched in the text read in a picture, not the message's own
                }
                rules.add(rule);
            }
        }
        return byList;
    }

    /** The stored document as the typed record the API and pages read. */
    static Alert alert(Map<String, Object> document) {
        return DOCUMENTS.convertValue(document, Alert.class);
    }

    /** A room's title as captured, or null. */
    public String roomTitle(String roomId) {
        try {
            var got = client.get(g -> g.index(names.rooms()).id(roomId).sourceIncludes("title"), Map.class);
            return got.found() && got.source() != null ? (String) got.source().get("title") : null;
        } catch (IOException e) {
            return null; // a title is a nicety in a mail; the alert stands without it
        }
    }

    /** Moves an alert to a new state; the transition must be allowed (new → seen → actioned or dismissed). */
    @SuppressWarnings("unchecked")
    public Optional<Alert> changeState(String id, String state, String by) {
        return changeState(id, state, by, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Alert> changeState(String id, String state, String by, Collection<String> visibleLists) {
        if (!Set.of("seen", "actioned", "dismissed").contains(state)) {
            throw new IllegalArgumentException("state must be seen, actioned or dismissed, got '" + state + "'");
        }
        try {
            var got = client.get(g -> g.index(names.alerts()).id(id), Map.class);
            if (!got.found()) {
                return Optional.empty();
            }
            Map<String, Object> doc = new LinkedHashMap<>(got.source());
            if (visibleLists != null && !visibleLists.contains(String.valueOf(doc.get("watchlist_id")))) {
                return Optional.empty();
            }
            String current = (String) doc.get("state");
            if (!NEXT.getOrDefault(current, Set.of()).contains(state)) {
                throw new IllegalStateException("an alert that is " + current + " cannot become " + state);
            }
            String at = clock.instant().toString();
            doc.put("state", state);
            doc.put("state_by", by);
            doc.put("state_at", at);
            List<Map<String, Object>> history = new ArrayList<>((List<Map<String, Object>>) doc.getOrDefault("history", List.of()));
            history.add(Map.of("state", state, "by", by, "at", at));
            doc.put("history", history);
            long seqNo = got.seqNo();
            long term = got.primaryTerm();
            client.index(i -> i.index(names.alerts()).id(id).ifSeqNo(seqNo).ifPrimaryTerm(term).document(doc).refresh(
                    co.elastic.clients.elasticsearch._types.Refresh.WaitFor));
            return Optional.of(alert(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("could not change alert " + id + ": " + e.getMessage(), e);
        }
    }

    /** Alerts, newest first, filtered by state, list and room (each optional). */
    public Alert.Page find(String state, String watchlist, String room, int page, int size) {
        return find(state, watchlist, room, page, size, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Alert.Page find(String state, String watchlist, String room, String priority, int page, int size,
                           Collection<String> visibleLists) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (priority != null) {
            bool.filter(Query.of(q -> q.term(t -> t.field("priority").value(priority))));
        }
        if (visibleLists != null) {
            List<co.elastic.clients.elasticsearch._types.FieldValue> ids = visibleLists.stream()
                    .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList();
            bool.filter(Query.of(q -> q.terms(t -> t.field("watchlist_id").terms(v -> v.value(ids)))));
        }
        if (state != null) {
            bool.filter(Query.of(q -> q.term(t -> t.field("state").value(state))));
        }
        if (watchlist != null) {
            bool.filter(Query.of(q -> q.term(t -> t.field("watchlist_id").value(watchlist))));
        }
        if (room != null) {
            bool.filter(Query.of(q -> q.term(t -> t.field("room_id").value(room.contains(":") ? room : "telegram:" + room))));
        }
        try {
            var response = client.search(s -> s.index(names.alerts()).query(q -> q.bool(bool.build()))
                    .from((page - 1) * size).size(size).trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc))), Map.class);
            List<Alert.Found> hits = new ArrayList<>();
            for (var h : response.hits().hits()) {
                hits.add(new Alert.Found(h.id(), alert((Map<String, Object>) h.source())));
            }
            return new Alert.Page(response.hits().total() == null ? hits.size() : response.hits().total().value(), page, size, hits);
        } catch (IOException e) {
            throw new UncheckedIOException("alert search failed: " + e.getMessage(), e);
        }
    }
}
