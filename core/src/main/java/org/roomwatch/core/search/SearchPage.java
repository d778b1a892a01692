package org.roomwatch.core.search;

import java.util.List;
import java.util.Map;

/**
 * One page of results, the number of matches, and counts by school, region and level over all matches.
 * {@code totalCapped}: counting stopped at {@link MessageQuery#MAX_WINDOW} (a search that shows no facets counts no
 * further than its pages reach, since an exact count visits every match), so there are at least {@code total}.
 */
public record SearchPage(long total, int page, int size, List<Hit> hits, Map<String, List<Facet>> facets, boolean totalCapped) {
    public SearchPage(long total, int page, int size, List<Hit> hits) {
        this(total, page, size, hits, Map.of());
    }

    public SearchPage(long total, int page, int size, List<Hit> hits, Map<String, List<Facet>> facets) {
        this(total, page, size, hits, facets, false);
    }

    public SearchPage {
        facets = facets == null ? Map.of() : Map.copyOf(facets);
    }

    /** A value and how many matches have it. */
    public record Facet(String value, long count) {}
}
