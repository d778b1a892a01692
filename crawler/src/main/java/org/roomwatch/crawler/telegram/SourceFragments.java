package org.roomwatch.crawler.telegram;

/**
 * Finds an element's exact text in the page as served, so evidence digests are over the bytes Telegram sent rather
 * than a re-serialisation. A scan of div nesting from a known anchor; much cheaper than having the HTML parser track
 * source positions for every tag and attribute.
 */
final class SourceFragments {
    private SourceFragments() {}

    /**
     * The {@code <div ...>...</div>} whose start tag contains {@code anchor} (searched from {@code from}), or null when
     * the anchor is missing or the divs do not balance (a truncated or broken page).
     */
    static String enclosingDiv(String html, String anchor, int from) {
        int at = html.indexOf(anchor, from);
        if (at < 0) {
            return null;
        }
        int start = html.lastIndexOf("<div", at);
        if (start < 0 || html.indexOf('>', start) < at) {
            return null;
        }
        int depth = 0;
        int i = start;
        while (i < html.length()) {
            int open = indexOfDivOpen(html, i);
            int close = html.indexOf("</div", i);
            if (close < 0) {
                return null;
            }
            if (open >= 0 && open < close) {
                depth++;
                i = open + 4;
            } else {
                depth--;
                int end = html.indexOf('>', close);
                if (end < 0) {
                    return null;
                }
                i = end + 1;
                if (depth == 0) {
                    return html.substring(start, i);
                }
            }
        }
        return null;
    }

    /** Index of the next {@code <div} that is a div start tag (not {@code <divider} or the like). */
    private static int indexOfDivOpen(String html, int from) {
        int i = from;
        while ((i = html.indexOf("<div", i)) >= 0) {
            int after = i + 4;
            if (after >= html.length()) {
                return -1;
            }
            char c = html.charAt(after);
            if (c == '>' || c == '/' || Character.isWhitespace(c)) {
                return i;
            }
            i = after;
        }
        return -1;
    }
}
