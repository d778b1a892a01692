package org.roomwatch.crawler.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The parser's fast path for links gives exactly what jsoup's absUrl gives, for plain links and the tricky ones. */
class LinkTest {
    @Test
    void theFastPathAgreesWithAbsUrl() {
        List<String> hrefs = List.of("https://t.me/hanbit_room/17", "http://example.org/a?b=c&d=e#f", "https://t.me/s/room?before=40",
                "/hanbit_room/17", "room/3", "?before=20", "https://t.me/a/../b", "https://t.me/./a", "HTTPS://T.ME/x",
                "https://t.me/가상방", "https://t.me/a b", " https://t.me/x", "https://t.me/x\t", "https://t.me\\x", "javascript:void(0)",
                "", "https://", "https://t.me/%EA%B0%80", "mailto:a@b.c", "https://t.me/a/./../b?x=/../y",
                "https://?x", "https://:80/x", "https://T.ME/x", "https://t.me:443/x", "https://t.me", "https://t.me#top", "https://t.me?x=1",
                "https://user@t.me/x", "https://t.me/x?q=%20a", "https://t.me/x?q=a+b", "http://127.0.0.1:8080/s/room");
        for (String href : hrefs) {
            Element a = Jsoup.parse("<a>x</a>", "https://t.me/s/hanbit_room").selectFirst("a");
            a.attr("href", href);
            assertEquals(a.absUrl("href"), PublicChannelParser.link(a, "href"), href);
        }
    }
}
