package org.roomwatch.core.people;

import java.util.List;

/**
 * A person on a watchlist: an id (never printed in alerts), the name, and extra phone numbers or handles that
 * identify them. Only watched people are ever tagged as persons: a name is never guessed from text.
 */
public record WatchedPerson(String id, String name, List<String> phones, List<String> handles) {
    public WatchedPerson {
        phones = phones == null ? List.of() : List.copyOf(phones);
        handles = handles == null ? List.of() : List.copyOf(handles);
    }
}
