package org.roomwatch.core.search;

import java.util.List;
import java.util.Map;

/** One search result: the stored document, with highlighted fragments when asked for. */
public record Hit(String id, Double score, Map<String, Object> source, List<String> highlights) {}
