package org.roomwatch.crawler.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class HtmlParsersTest {

    @Test
    void aThreadsParserServesABoundedNumberOfPagesThenIsRenewed() throws Exception {
        // On a new thread of its own, so pages parsed earlier on a reused thread do not shift the count.
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        List<Document> docs = CompletableFuture.supplyAsync(() -> {
            List<Document> parsed = new ArrayList<>();
            for (int i = 0; i < HtmlParsers.PAGES_PER_PARSER + 1; i++) {
                // Made-up tag names: what a renewed parser forgets.
                parsed.add(HtmlParsers.parse("<p><x-tag" + i + ">page " + i + "</x-tag" + i + "></p>", "https://t.me/s/r"));
            }
            return parsed;
        }, fresh).get();
        fresh.shutdown();
        assertSame(docs.get(0).parser(), docs.get(HtmlParsers.PAGES_PER_PARSER - 1).parser());
        assertNotSame(docs.get(0).parser(), docs.get(HtmlParsers.PAGES_PER_PARSER).parser());
        // Reuse leaves nothing of one page in the next.
        assertEquals("page 0", docs.get(0).body().text());
        assertEquals("page " + HtmlParsers.PAGES_PER_PARSER, docs.get(HtmlParsers.PAGES_PER_PARSER).body().text());
        assertEquals(1, docs.get(5).body().getElementsByTag("x-tag5").size());
    }

    @Test
    void threadsDoNotShareAParser() throws Exception {
        Document here = HtmlParsers.parse("<p>a</p>", "https://t.me/s/r");
        Document there = CompletableFuture.supplyAsync(() -> HtmlParsers.parse("<p>b</p>", "https://t.me/s/r")).get();
        assertNotSame(here.parser(), there.parser());
    }
}
