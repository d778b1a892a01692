package org.roomwatch.core.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One message as an officer examines it, and every message a search matches, for export. */
public interface MessageViews {
    /** The message document and its versions (each distinct content, then its deletion, oldest first). */
    Optional<MessageView> message(String id);

    /** The text of each message found among {@code ids} (those not in the index are left out), in one round trip. */
    Map<String, String> texts(List<String> ids);

    /**
     * Every message {@code query} matches (its paging, sort and highlighting ignored), handed to {@code each} one at a
     * time in index order from one consistent view of the index, in constant memory however many match.
     *
     * @return how many were handed over
     */
    long export(MessageQuery query, Each each) throws IOException;

    /**
     * Deep pages of a search: one page of {@code query.size()} hits from a point in time, after {@code cursor} (the
     * {@code next} of the page before), or, with no cursor, after the first {@code skip} hits (0 to
     * {@link MessageQuery#MAX_WINDOW}), so paging can go on past the window where numbered pages stop. Each page's
     * {@code next} continues exactly where it ended, in one consistent view; null once nothing is left.
     *
     * @throws IllegalArgumentException for a cursor that is malformed or whose point in time has expired
     */
    CursorPage scroll(MessageQuery query, String cursor, int skip);

    /** A page of a deep walk and the cursor to the next one (null at the end). */
    record CursorPage(SearchPage page, String next) {}

    @FunctionalInterface
    interface Each {
        void accept(Hit hit) throws IOException;
    }

    record MessageView(String id, Map<String, Object> source, List<Map<String, Object>> versions) {
        public MessageView {
            source = Map.copyOf(source.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            versions = List.copyOf(versions);
        }
    }
}
