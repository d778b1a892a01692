package org.roomwatch.indexer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.MessageDeletion;
import org.roomwatch.core.Room;
import org.roomwatch.core.text.IsoInstant;
import org.roomwatch.core.text.Sha256;

/** Turns captured records into the index documents of mappings/*.json. */
public final class Documents {
    private Documents() {}

    public static Map<String, Object> message(Message m, MessageEnricher.Enrichment e) {
        // About 45 fields with the tag fields: sized so the map never rehashes while it is built.
        Map<String, Object> doc = new LinkedHashMap<>(64);
        doc.put("platform", m.platform());
        doc.put("room", m.room());
        doc.put("room_id", m.roomId());
        doc.put("message_id", m.messageId());
        doc.put("permalink", m.permalink());
        doc.put("posted_at", m.postedAt() == null ? null : IsoInstant.format(m.postedAt()));
        doc.put("author", m.author());
        if (m.senderId() != null) {
            doc.put("sender_id", m.senderId());
        }
        doc.put("text", e.text());
        if (e.imageText() != null) {
            doc.put("image_text", e.imageText());
        }
        doc.put("links", e.links());
        doc.put("hashtags", e.hashtags());
        doc.put("handles", e.handles());
        doc.put("forwarded_from", m.forwardedFrom());
        doc.put("reply_to", m.replyTo());
        doc.put("views", m.views());
        doc.put("edited", m.edited());
        doc.put("service", m.service());
        doc.put("has_media", m.hasMedia());
        doc.put("media_count", mediaCount(m));
        List<Map<String, Object>> media = new ArrayList<>();
        List<String> mediaSha256 = new ArrayList<>();
        for (MediaRef ref : m.media()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", ref.kind().name().toLowerCase());
            item.put("url", ref.url() == null ? "" : ref.url());
            if (ref.hashes() != null) {
                item.put("sha256", ref.hashes().sha256());
                item.put("md5", ref.hashes().md5());
                item.put("pdq", ref.hashes().pdq());
                item.put("quality", ref.hashes().quality());
                mediaSha256.add(ref.hashes().sha256());
            } else if (ref.video() != null) {
                // A video is referenced by its digests; its frames live once, in its media document.
                item.put("sha256", ref.video().sha256());
                item.put("md5", ref.video().md5());
                mediaSha256.add(ref.video().sha256());
            } else if (ref.unhashedReason() != null) {
                item.put("unhashed", ref.unhashedReason());
            }
            if (ref.text() != null) {
                // What OCR read (the picture is gone), or why it read nothing.
                item.put("ocr", ref.text().unread() == null ? (ref.text().hasText() ? "text" : "no_text") : ref.text().unread());
                if (ref.text().hasText()) {
                    item.put("image_text", ref.text().text());
                }
            }
            media.add(item);
        }
        doc.put("media", media);
        doc.put("media_sha256", mediaSha256);
        doc.put("captured_at", m.capturedAt() == null ? null : IsoInstant.format(m.capturedAt()));
        doc.put("seen_through", m.seenThrough());
        doc.put("raw_sha256", m.rawSha256());
        doc.put("content_sha256", contentSha256(m, e));
        doc.putAll(e.tagFields());
        return doc;
    }

    /**
     * What of a stored message follows from its text and its pictures' text, for a partial update once the pictures
     * are read: the media (with what OCR made of each), the pictures' text, and every tag field ({@code in_picture}
     * cleared where nothing is found only in a picture).
     */
    public static Map<String, Object> textDerived(Object media, MessageEnricher.Enrichment e) {
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("media", media);
        derived.put("image_text", e.imageText());
        derived.put(PictureTags.FIELD, null);
        derived.putAll(e.tagFields());
        return derived;
    }

    /** One record per distinct content of a message: an edit adds a version, it never replaces one. */
    public static Map<String, Object> messageVersion(Message m, Map<String, Object> messageDoc) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("message", m.id());
        doc.put("room_id", m.roomId());
        doc.put("message_id", m.messageId());
        doc.put("content_sha256", messageDoc.get("content_sha256"));
        doc.put("text", messageDoc.get("text"));
        doc.put("edited", m.edited());
        doc.put("media_count", mediaCount(m));
        doc.put("first_captured_at", messageDoc.get("captured_at"));
        doc.put("seen_through", m.seenThrough());
        doc.put("raw_sha256", m.rawSha256());
        return doc;
    }

    /** The version record of a deletion: no content, the time it was seen deleted and through what. */
    public static Map<String, Object> deletionVersion(MessageDeletion d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("message", d.messageDocumentId());
        doc.put("room_id", d.roomId());
        doc.put("message_id", d.messageId());
        doc.put("deleted", true);
        doc.put("first_captured_at", d.observedAt().toString());
        doc.put("seen_through", d.seenThrough());
        return doc;
    }

    /** A message document for a deletion of a message that was never captured. */
    public static Map<String, Object> deletedSkeleton(MessageDeletion d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("platform", d.platform());
        doc.put("room", d.room());
        doc.put("room_id", d.roomId());
        doc.put("message_id", d.messageId());
        doc.put("deleted_at", d.observedAt().toString());
        doc.put("captured_at", d.observedAt().toString());
        doc.put("seen_through", d.seenThrough());
        return doc;
    }

    public static String messageVersionId(Message m, Map<String, Object> messageDoc) {
        return m.id() + ":" + messageDoc.get("content_sha256");
    }

    public static Map<String, Object> room(Room r, Map<String, Object> tagFields) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("platform", r.platform());
        doc.put("name", r.name());
        doc.put("title", r.title());
        doc.put("description", r.description());
        doc.put("kind", r.kind().name().toLowerCase());
        doc.put("members", r.members());
        doc.put("subscribers", r.subscribers());
        doc.put("audience", r.members() != null ? r.members() : r.subscribers());
        doc.put("online", r.online());
        doc.put("photos", r.photos());
        doc.put("videos", r.videos());
        doc.put("links", r.links());
        doc.put("has_preview", r.hasPreview());
        doc.put("invite", r.invite().name().toLowerCase());
        doc.put("captured_at", r.capturedAt() == null ? null : r.capturedAt().toString());
        doc.put("seen_through", r.seenThrough());
        doc.put("raw_sha256", r.rawSha256());
        doc.putAll(tagFields);
        return doc;
    }

    public static Map<String, Object> roomVersion(Room r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("room_id", r.id());
        doc.put("title", r.title());
        doc.put("description", r.description());
        doc.put("first_captured_at", r.capturedAt() == null ? null : r.capturedAt().toString());
        doc.put("seen_through", r.seenThrough());
        doc.put("raw_sha256", r.rawSha256());
        return doc;
    }

    /** The media items a post carries; a video's poster is part of its video. */
    static long mediaCount(Message m) {
        return m.media().stream().filter(r -> r.kind() != org.roomwatch.core.MediaKind.POSTER).count();
    }

    public static String roomVersionId(Room r) {
        return r.id() + ":" + Sha256.hex(nullSafe(r.title()) + "\u0000" + nullSafe(r.description()));
    }

    /** What an edit changes: text and media. Views and capture details change every crawl and are not content. */
    static String contentSha256(Message m, MessageEnricher.Enrichment e) {
        StringBuilder content = new StringBuilder(nullSafe(e.text()));
        for (MediaRef ref : m.media()) {
            // A photo is identified by its bytes once hashed: CDN addresses of the same photo change between crawls.
            content.append('\u0000').append(ref.kind()).append(' ')
                    .append(ref.sha256() != null ? ref.sha256() : nullSafe(ref.url()));
        }
        return Sha256.hex(content.toString());
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }
}
