package org.roomwatch.core.watch;

import java.util.Collection;
import java.util.Optional;

/** The alerts raised by watchlists, as the people triaging them see them. */
public interface AlertInbox {
    /**
     * Alerts, newest first, filtered by state, list and room (each optional, null for any), within the alerts of
     * {@code visibleLists} (null: all).
     */
    default Alert.Page find(String state, String watchlist, String room, int page, int size, Collection<String> visibleLists) {
        return find(state, watchlist, room, null, page, size, visibleLists);
    }

    /** As above, also filtered by the list's priority ("high" or "normal"; null for any). */
    Alert.Page find(String state, String watchlist, String room, String priority, int page, int size, Collection<String> visibleLists);

    /**
     * Moves an alert to a new state (new → seen → actioned or dismissed) and answers it as stored; empty when it does
     * not exist or belongs to a list outside {@code visibleLists} (null: all).
     *
     * @throws IllegalArgumentException for a state that is not seen, actioned or dismissed
     * @throws IllegalStateException for a transition that is not allowed
     */
    Optional<Alert> changeState(String id, String state, String by, Collection<String> visibleLists);
}
