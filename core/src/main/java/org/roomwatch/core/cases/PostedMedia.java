package org.roomwatch.core.cases;

import java.util.List;

/** Which images and videos a room's messages, or a poster's, carry: their SHA-256s, for finding further victims. */
public interface PostedMedia {
    /** At most {@code max} distinct SHA-256s, most posted first; {@code cut} says there were more. */
    record Posted(List<String> sha256s, boolean cut) {}

    Posted inRoom(String roomId, int max);

    /**
     * By a poster as the spread names one: {@code sender:ID} (the sender's id) or {@code author:NAME} (a signature).
     *
     * @throws IllegalArgumentException for anything else
     */
    Posted byPoster(String poster, int max);
}
