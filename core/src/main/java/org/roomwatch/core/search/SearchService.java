package org.roomwatch.core.search;

import java.util.Optional;

/** The searches investigators run over what has been captured. */
public interface SearchService {
    SearchPage messages(MessageQuery query);

    SearchPage rooms(RoomQuery query);

    /** A room and its latest messages, newest first. */
    Optional<RoomDetail> room(String roomId, int latestMessages);

    record RoomDetail(Hit room, SearchPage latest) {}
}
