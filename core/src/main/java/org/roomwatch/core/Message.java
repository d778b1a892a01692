package org.roomwatch.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One captured post with its evidence: where it is (platform, room, id, permalink), when and through what it
 * was captured, and the SHA-256 of the raw fragment it was parsed from. {@code senderId} is the platform's id of the
 * sender ({@code user:ID} or {@code chat:ID}) where the source shows it (accounts do, web previews do not).
 */
public record Message(String platform, String room, long messageId, String permalink, Instant postedAt,
                      String author, String senderId, String text, List<String> links, String forwardedFrom, Long replyTo,
                      Long views, boolean edited, boolean service, List<MediaRef> media,
                      Instant capturedAt, String seenThrough, String rawSha256) {

    public Message {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(room, "room");
        if (messageId <= 0) {
            throw new IllegalArgumentException("messageId must be positive, got " + messageId);
        }
        links = links == null ? List.of() : List.copyOf(links);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A message whose sender is known only by display name (public web previews show no sender id). */
    public Message(String platform, String room, long messageId, String permalink, Instant postedAt, String author,
                   String text, List<String> links, String forwardedFrom, Long replyTo, Long views, boolean edited,
                   boolean service, List<MediaRef> media, Instant capturedAt, String seenThrough, String rawSha256) {
        this(platform, room, messageId, permalink, postedAt, author, null, text, links, forwardedFrom, replyTo, views,
                edited, service, media, capturedAt, seenThrough, rawSha256);
    }

    /** The deterministic document id, {@code platform:room:messageId}: a re-crawl updates instead of duplicating. */
    public String id() {
        return platform + ":" + room + ":" + messageId;
    }

    public String roomId() {
        return platform + ":" + room;
    }

    /** The same message with its media list replaced (after the photos were hashed). */
    public Message withMedia(List<MediaRef> value) {
        return new Message(platform, room, messageId, permalink, postedAt, author, senderId, text, links, forwardedFrom, replyTo,
                views, edited, service, value, capturedAt, seenThrough, rawSha256);
    }

    public boolean hasMedia() {
        return !media.isEmpty();
    }
}
