package org.roomwatch.core.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The searches investigators run over what has been captured. */
public interface SearchService {
    SearchPage messages(MessageQuery query);

    SearchPage rooms(RoomQuery query);

    /** A room and its latest messages, newest first. */
    Optional<RoomDetail> room(String roomId, int latestMessages);

    /** A room, its latest messages, and its metadata history (each distinct title and description, oldest first). */
    record RoomDetail(Hit room, SearchPage latest, List<Map<String, Object>> history) {
        public RoomDetail(Hit room, SearchPage latest) {
            this(room, latest, List.of());
        }

        public RoomDetail {
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    /** For each school id, how many messages and rooms are tagged with it. */
    Map<String, SchoolCounts> schoolCounts(List<String> schoolIds);

    record SchoolCounts(long messages, long rooms) {}

    /**
     * Rooms tied to a school: named for it (title or description) or with messages tagged with it, most messages
     * first, each with one message as evidence (its id, permalink and the words that matched).
     */
    List<SchoolRoom> schoolRooms(String schoolId, int size);

    record SchoolRoom(String roomId, String title, boolean namedForSchool, long messages, Map<String, Object> evidence) {}
}
