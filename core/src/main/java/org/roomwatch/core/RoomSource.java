package org.roomwatch.core;

/** A place rooms are read from (public pages, an account). */
public interface RoomSource {
    /** Fetches the room header and the messages above the position's cursor (resuming a backfill), oldest first. */
    RoomSnapshot fetch(String roomName, CrawlPosition position) throws SourceException;
}
