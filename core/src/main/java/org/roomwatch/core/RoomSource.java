package org.roomwatch.core;

/** A place rooms are read from (public pages, an account). */
public interface RoomSource {
    /** Fetches the room header and every message with an id above {@code cursor}, oldest first. */
    RoomSnapshot fetchNewerThan(String roomName, long cursor) throws SourceException;
}
