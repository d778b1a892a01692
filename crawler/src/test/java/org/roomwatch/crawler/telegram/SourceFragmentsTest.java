package org.roomwatch.crawler.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SourceFragmentsTest {
    @Test
    void findsTheBalancedDivAroundTheAnchor() {
        String html = "<div class=\"wrap\"><div class=\"post\" data-post=\"r/1\"><div>a</div><divider/><div\n>b</div></div></div><div data-post=\"r/2\"></div>";
        assertEquals("<div class=\"post\" data-post=\"r/1\"><div>a</div><divider/><div\n>b</div></div>",
                SourceFragments.enclosingDiv(html, "data-post=\"r/1\"", 0));
        assertEquals("<div data-post=\"r/2\"></div>", SourceFragments.enclosingDiv(html, "data-post=\"r/2\"", 0));
    }

    @Test
    void truncatedOrMissingGivesNull() {
        assertNull(SourceFragments.enclosingDiv("<div data-post=\"r/1\"><div>cut", "data-post=\"r/1\"", 0));
        assertNull(SourceFragments.enclosingDiv("<div></div>", "data-post=\"r/9\"", 0));
        // The anchor sits in text, not in a start tag.
        assertNull(SourceFragments.enclosingDiv("<div>data-post=\"r/1\"</div>", "data-post=\"r/1\"", 0));
    }
}
