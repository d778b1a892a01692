package org.roomwatch.core.search;

import java.time.Instant;

/**
 * A message search as an investigator asks it. Every field but page and size is optional (null). {@code facets}: also
 * count the matches by school, region and level (three aggregations over every match, the costliest part of a search
 * for a common word; the API answers them unless told not to, the pages never show them and never ask).
 */
public record MessageQuery(String text, String room, Instant from, Instant to, Boolean hasMedia,
                           MessageSort sort, int page, int size, boolean highlight, MessageFilters filters, boolean facets) {
    public static final int MAX_SIZE = 100;
    public static final int MAX_WINDOW = 10_000;

    public MessageQuery(String text, String room, Instant from, Instant to, Boolean hasMedia, MessageSort sort, int page,
                        int size, boolean highlight) {
        this(text, room, from, to, hasMedia, sort, page, size, highlight, MessageFilters.NONE);
    }

    /** With facets, as the API answers by default. */
    public MessageQuery(String text, String room, Instant from, Instant to, Boolean hasMedia, MessageSort sort, int page,
                        int size, boolean highlight, MessageFilters filters) {
        this(text, room, from, to, hasMedia, sort, page, size, highlight, filters, true);
    }

    /** The same search without facets. */
    public MessageQuery withoutFacets() {
        return new MessageQuery(text, room, from, to, hasMedia, sort, page, size, highlight, filters, false);
    }

    public MessageQuery {
        filters = filters == null ? MessageFilters.NONE : filters;
        Paging.check(page, size);
        sort = sort == null ? (text == null ? MessageSort.NEWEST : MessageSort.RELEVANCE) : sort;
        if (text != null) {
            SearchSyntax.parse(text); // a mistake in the search is the asker's, reported with where it is
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
    }
}
