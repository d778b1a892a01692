package org.roomwatch.core.search;

import java.util.List;
import java.util.Map;

/** One search result: the stored document, with highlighted fragments when asked for. */
public record Hit(String id, Double score, Map<String, Object> source, List<String> highlights) {
    /** Starts a highlight fragment that comes from the text read in a picture, not the message's own text. */
    public static final String PICTURE_MARK = "\uD83D\uDDBC ";
}
