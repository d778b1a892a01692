package org.roomwatch.indexer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;

/** A message as far as its stored document tells it: enough to derive its tags and match it again. */
final class StoredMessages {
    private StoredMessages() {}

    @SuppressWarnings("unchecked")
    static Message of(Map<String, Object> doc, List<MediaRef> media) {
        return new Message((String) doc.get("platform"), (String) doc.get("room"), ((Number) doc.get("message_id")).longValue(),
                (String) doc.get("permalink"), instant(doc.get("posted_at")), (String) doc.get("author"), (String) doc.get("sender_id"),
                (String) doc.get("text"), (List<String>) doc.getOrDefault("links", List.of()), (String) doc.get("forwarded_from"),
                number(doc.get("reply_to")), number(doc.get("views")), Boolean.TRUE.equals(doc.get("edited")),
                Boolean.TRUE.equals(doc.get("service")), media, instant(doc.get("captured_at")), (String) doc.get("seen_through"),
                (String) doc.get("raw_sha256"));
    }

    private static Instant instant(Object value) {
        return value instanceof String s ? Instant.parse(s) : null;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
