package org.roomwatch.core;

import java.time.Instant;
import java.util.List;

/**
 * A room found through a link in captured text. {@code id} is its canonical key (telegram:name, telegram:+HASH,
 * kakao:CODE, discord:CODE); {@code status} is pending, watching or dismissed; the page fields are filled once its
 * public page was fetched ({@code fetchNote} says why not when it could not be).
 */
public record DiscoveredRoom(String id, String platform, boolean invite, String target, String status, Instant firstSeen,
                             Instant lastSeen, int sightings, List<Sighting> recent, String title, Long members, Boolean expired,
                             Instant fetchedAt, String fetchNote, String decidedBy, Instant decidedAt) {
    /** Where the link was seen. */
    public record Sighting(String messageId, String url, Instant seenAt) {}
}
