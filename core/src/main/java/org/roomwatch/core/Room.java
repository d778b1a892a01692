package org.roomwatch.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A room as captured at one moment: its header, counters and how it was seen.
 *
 * @param hasPreview    false when the platform hides the room's web preview (e.g. rooms flagged for pornography)
 * @param seenThrough   the URL or account the capture came through
 * @param rawSha256     SHA-256 of the raw payload (HTML or JSON) this record was parsed from
 */
public record Room(String platform, String name, String title, String description, RoomKind kind,
                   Long members, Long subscribers, Long online, Long photos, Long videos, Long links,
                   boolean hasPreview, InviteStatus invite, Instant capturedAt, String seenThrough, String rawSha256) {

    public Room {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(name, "name");
        kind = kind == null ? RoomKind.UNKNOWN : kind;
        invite = invite == null ? InviteStatus.NOT_AN_INVITE : invite;
    }

    /** The deterministic document id, {@code platform:name}. */
    public String id() {
        return platform + ":" + name;
    }

    public Room withName(String newName) {
        return new Room(platform, newName, title, description, kind, members, subscribers, online, photos, videos, links,
                hasPreview, invite, capturedAt, seenThrough, rawSha256);
    }
}
