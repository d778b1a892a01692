package org.roomwatch.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A message was deleted for everyone, as observed through {@code seenThrough} at {@code observedAt}. A fact of its
 * own: the captured message stays, and the deletion is added to its history.
 */
public record MessageDeletion(String platform, String room, long messageId, Instant observedAt, String seenThrough) {
    public MessageDeletion {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(observedAt, "observedAt");
        if (messageId <= 0) {
            throw new IllegalArgumentException("messageId must be positive, got " + messageId);
        }
    }

    /** The deleted message's document id (see {@link Message#id()}). */
    public String messageDocumentId() {
        return platform + ":" + room + ":" + messageId;
    }

    public String roomId() {
        return platform + ":" + room;
    }
}
