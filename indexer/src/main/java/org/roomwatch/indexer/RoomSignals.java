package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.roomwatch.tagging.Lexicon;
import org.roomwatch.tagging.Tagging;

/**
 * How strongly a room looks like a humiliation or deepfake room, 0 to 100, with every point explained: lexicon words
 * in its title or description (weight x 10, at most 50), the share of its messages using the lexicon (up to 20),
 * naming a school (up to 20, and 10 more when the title or description names one), and carrying media (up to 10).
 * Recomputed after each crawl from the index and written onto the room.
 */
public final class RoomSignals {
    private final ElasticsearchClient client;
    private final IndexNames names;
    private final Supplier<Tagging> tagging;

    public RoomSignals(ElasticsearchClient client, IndexNames names, Supplier<Tagging> tagging) {
        this.client = client;
        this.names = names;
        this.tagging = tagging;
    }

    public record Signals(int score, List<String> reasons, long messages) {}

    @SuppressWarnings("unchecked")
    public Signals refresh(String roomId) {
        try {
            var room = client.get(g -> g.index(names.rooms()).id(roomId), Map.class);
            if (!room.found()) {
                return new Signals(0, List.of("the room has not been captured"), 0);
            }
            Map<String, Object> source = room.source();
            // Counted whole: the aggregations visit every message of the room anyway, and the engine's default count
            // stops at 10,000, which made a busy room's shares read over 100%.
            SearchResponse<Void> stats = client.search(s -> s.index(names.messages()).size(0).trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.term(t -> t.field("room_id").value(roomId)))
                    .aggregations("lexicon", a -> a.filter(f -> f.exists(e -> e.field("lexicon_terms"))))
                    .aggregations("school", a -> a.filter(f -> f.exists(e -> e.field("school_ids"))))
                    .aggregations("media", a -> a.filter(f -> f.term(t -> t.field("has_media").value(true))))
                    .aggregations("words", a -> a.terms(t -> t.field("lexicon_terms").size(5))), Void.class);
            long messages = stats.hits().total() == null ? 0 : stats.hits().total().value();
            Signals signals = score((List<String>) source.getOrDefault("lexicon_terms", List.of()),
                    !((List<?>) source.getOrDefault("school_ids", List.of())).isEmpty(), messages,
                    stats.aggregations().get("lexicon").filter().docCount(), stats.aggregations().get("school").filter().docCount(),
                    stats.aggregations().get("media").filter().docCount(),
                    stats.aggregations().get("words").sterms().buckets().array().stream().map(b -> b.key().stringValue()).toList(),
                    tagging.get().lexicon());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("score", signals.score());
            doc.put("reasons", signals.reasons());
            doc.put("messages", signals.messages());
            doc.put("computed_at", Instant.now().toString());
            // The crawler writes the same room document meanwhile (its title, members, a new link to it): the update
            // reads and writes it again when one came in between, as other partial updates here do. Only the signals
            // are written, so a retry loses nothing of the other write.
            client.update(u -> u.index(names.rooms()).id(roomId).retryOnConflict(3).doc(Map.of("signals", doc)), Map.class);
            return signals;
        } catch (IOException e) {
            throw new UncheckedIOException("could not compute the signals of " + roomId + ": " + e.getMessage(), e);
        }
    }

    /** The score and its reasons; pure, so the rule can be read and tested on its own. */
    public static Signals score(List<String> roomWords, boolean roomNamesSchool, long messages, long withLexicon, long withSchool,
                         long withMedia, List<String> topWords, Lexicon lexicon) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        if (!roomWords.isEmpty()) {
            int points = Math.min(50, roomWords.stream().mapToInt(w -> lexicon.weight(w) * 10).sum());
            score += points;
            reasons.add("title or description uses " + String.join(", ", roomWords) + " (+" + points + ")");
        }
        if (roomNamesSchool) {
            score += 10;
            reasons.add("title or description names a school (+10)");
        }
        if (messages > 0) {
            int lexiconPoints = (int) Math.round(20.0 * withLexicon / messages);
            if (lexiconPoints > 0) {
                score += lexiconPoints;
                reasons.add(percent(withLexicon, messages) + " of " + messages + " messages use the lexicon"
                        + (topWords.isEmpty() ? "" : " (most: " + String.join(", ", topWords) + ")") + " (+" + lexiconPoints + ")");
            }
            int schoolPoints = (int) Math.round(20.0 * withSchool / messages);
            if (schoolPoints > 0) {
                score += schoolPoints;
                reasons.add(percent(withSchool, messages) + " of " + messages + " messages name a school (+" + schoolPoints + ")");
            }
            int mediaPoints = (int) Math.round(10.0 * withMedia / messages);
            if (mediaPoints > 0) {
                score += mediaPoints;
                reasons.add(percent(withMedia, messages) + " of " + messages + " messages carry photos, videos or files (+" + mediaPoints + ")");
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("no signal: no lexicon word, school or media seen");
        }
        return new Signals(Math.min(100, score), List.copyOf(reasons), messages);
    }

    private static String percent(long part, long whole) {
        return Math.round(100.0 * part / whole) + "%";
    }
}
