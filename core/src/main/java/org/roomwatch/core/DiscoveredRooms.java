package org.roomwatch.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The triage queue of rooms found through links. */
public interface DiscoveredRooms {
    /** Records that a link to the room was seen in a message; returns true when the room is new. */
    boolean record(String id, String platform, boolean invite, String target, String messageId, String url, Instant seenAt);

    List<DiscoveredRoom> list(String status, int limit);

    Optional<DiscoveredRoom> find(String id);

    /** Rooms whose page was never fetched, oldest first. */
    List<DiscoveredRoom> unfetched(int limit);

    void saveFetched(String id, String title, Long members, Boolean expired, String note, Instant at);

    /** Sets the analyst's decision (watching or dismissed); false when there is no such room. */
    boolean decide(String id, String status, String by, Instant at);
}
