package org.roomwatch.core.search;

import java.util.List;

/** One page of results and the total number of matches. */
public record SearchPage(long total, int page, int size, List<Hit> hits) {}
