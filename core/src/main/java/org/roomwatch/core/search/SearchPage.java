package org.roomwatch.core.search;

import java.util.List;
import java.util.Map;

/** One page of results, the total number of matches, and counts by school, region and level over all matches. */
public record SearchPage(long total, int page, int size, List<Hit> hits, Map<String, List<Facet>> facets) {
    public SearchPage(long total, int page, int size, List<Hit> hits) {
        this(total, page, size, hits, Map.of());
    }

    public SearchPage {
        facets = facets == null ? Map.of() : Map.copyOf(facets);
    }

    /** A value and how many matches have it. */
    public record Facet(String value, long count) {}
}
