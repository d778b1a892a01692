package org.roomwatch.crawler.telegram;

import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * One HTML parser per thread, used for many pages. A new parser starts with an empty copy of jsoup's tag set and
 * fills it tag by tag on every page (a fiftieth of reading a page). It is still renewed every {@value #PAGES_PER_PARSER}
 * pages, because the tag set also keeps every unknown tag name a page made up, and pages are not ours to trust.
 */
final class HtmlParsers {
    static final int PAGES_PER_PARSER = 256;
    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    private HtmlParsers() {}

    private static final class Slot {
        private Parser parser;
        private int pages;
    }

    static Document parse(String html, String baseUri) {
        Slot slot = SLOT.get();
        if (slot.parser == null || slot.pages >= PAGES_PER_PARSER) {
            slot.parser = Parser.htmlParser();
            slot.pages = 0;
        }
        slot.pages++;
        return slot.parser.parseInput(html, baseUri);
    }
}
