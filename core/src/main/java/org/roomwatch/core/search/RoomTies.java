package org.roomwatch.core.search;

import java.util.List;

/** How rooms are tied together in the index: forwards, invite links, shared images and shared posters. */
public interface RoomTies {
    /**
     * The ties of {@code rooms} (the school's rooms, as {@link SearchService#schoolRooms} gives them) to each other and
     * to the rooms their forwards and links point to, for {@link RoomGraph#of}.
     */
    RoomGraph.Facts among(List<RoomGraph.Node> rooms);
}
