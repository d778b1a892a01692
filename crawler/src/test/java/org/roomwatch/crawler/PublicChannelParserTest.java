package org.roomwatch.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.Message;
import org.roomwatch.core.RoomKind;
import org.roomwatch.crawler.telegram.ChannelPage;
import org.roomwatch.crawler.telegram.Counts;
import org.roomwatch.crawler.telegram.PublicChannelParser;

/** Against a hand-written page in t.me's markup (synthetic content), not the simulator's own output. */
class PublicChannelParserTest {
    private static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");
    private final PublicChannelParser parser = new PublicChannelParser();

    private static String fixture(String name) throws IOException {
        try (InputStream in = PublicChannelParserTest.class.getResourceAsStream("/pages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ChannelPage page() throws IOException {
        return parser.parse(fixture("channel.html"), "sample_school_room", "https://t.me/s/sample_school_room", NOW);
    }

    private Message post(long id) throws IOException {
        return page().posts().stream().filter(p -> p.messageId() == id).findFirst().orElseThrow();
    }

    @Test
    void headerHasTitleDescriptionAndCounters() throws IOException {
        var header = page().header();
        assertEquals("샘플학교 소식방", header.title());
        assertEquals("샘플고등학교 이야기\n제보는 DM", header.description());
        assertEquals(RoomKind.CHANNEL, header.kind());
        assertEquals(3400L, header.subscribers());
        assertEquals(120L, header.photos());
        assertTrue(header.hasPreview());
    }

    @Test
    void textPostKeepsLinksViewsDateAndEvidence() throws IOException {
        Message m = post(101);
        assertEquals("https://t.me/sample_school_room/101", m.permalink());
        assertEquals(Instant.parse("2026-03-02T09:15:00Z"), m.postedAt());
        assertEquals("샘플고 2학년 공지\n링크: https://example.org/notice", m.text());
        assertEquals(List.of("https://example.org/notice"), m.links());
        assertEquals(3400L, m.views());
        assertFalse(m.edited());
        assertEquals(64, m.rawSha256().length());
        assertEquals("https://t.me/s/sample_school_room", m.seenThrough());
        assertEquals(NOW, m.capturedAt());
    }

    @Test
    void evidenceDigestIsOverThePostsExactBytesInThePage() throws IOException, NoSuchAlgorithmException {
        String html = fixture("channel.html");
        int start = html.indexOf("<div class=\"tgme_widget_message text_not_supported_wrap js-widget_message\" data-post=\"sample_school_room/101\"");
        int next = html.indexOf("<div class=\"tgme_widget_message_wrap", start);
        // The post's own div closes right before the wrap's closing tag that precedes the next post.
        String fragment = html.substring(start, html.lastIndexOf("</div>", html.lastIndexOf("</div>", next) - 1) + "</div>".length());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(fragment.getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest), post(101).rawSha256());
        assertTrue(fragment.endsWith("</div>") && fragment.contains("샘플고 2학년 공지"));
    }

    @Test
    void forwardReplyEditedAndSignatureAreRead() throws IOException {
        Message m = post(102);
        assertEquals("https://t.me/other_sample_room/55", m.forwardedFrom());
        assertEquals(101L, m.replyTo());
        assertTrue(m.edited());
        assertEquals("관리자", m.author());
        assertEquals(1_200_000L, m.views());
    }

    @Test
    void albumVideoAndDocumentAreMediaReferences() throws IOException {
        Message album = post(103);
        assertEquals(List.of(MediaKind.PHOTO, MediaKind.PHOTO), album.media().stream().map(r -> r.kind()).toList());
        assertEquals("https://cdn.example.invalid/file/a1.jpg", album.media().get(0).url());
        Message video = post(104);
        assertEquals(MediaKind.VIDEO, video.media().get(0).kind());
        // The still it is shown with before it plays: hashed as a photo is (a fake's poster is a still of it).
        assertEquals(MediaKind.POSTER, video.media().get(1).kind());
        assertEquals("https://cdn.example.invalid/file/v1-thumb.jpg", video.media().get(1).url());
        Message doc = post(105);
        assertEquals(MediaKind.DOCUMENT, doc.media().get(0).kind());
    }

    @Test
    void serviceMessageIsMarked() throws IOException {
        assertTrue(post(100).service());
    }

    @Test
    void unreadablePostsAreSkippedWithReasonsNotFatal() throws IOException {
        ChannelPage page = page();
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L, 105L), page.posts().stream().map(Message::messageId).toList());
        assertEquals(3, page.skipped().size(), page.skipped().toString());
        assertTrue(page.skipped().stream().anyMatch(s -> s.contains("no date")));
        assertTrue(page.skipped().stream().anyMatch(s -> s.contains("unreadable data-post")));
        assertEquals(100L, page.olderBefore().getAsLong());
    }

    @Test
    void truncatedAndGarbageHtmlDoNotThrow() throws IOException {
        String html = fixture("channel.html");
        ChannelPage truncated = parser.parse(html.substring(0, html.indexOf("data-post=\"sample_school_room/103\"")), "sample_school_room",
                "https://t.me/s/sample_school_room", NOW);
        assertTrue(truncated.posts().size() >= 2);
        ChannelPage garbage = parser.parse("<<<>>> not html at all \u0000", "x_room", "https://t.me/s/x_room", NOW);
        assertTrue(garbage.posts().isEmpty());
        assertNull(garbage.header().title());
        assertTrue(garbage.olderBefore().isEmpty());
    }

    @Test
    void countersReadTelegramAbbreviations() {
        assertEquals(3400L, Counts.parse("3.4K"));
        assertEquals(1_200_000L, Counts.parse("1.2M"));
        assertEquals(1234L, Counts.parse("1 234 subscribers"));
        assertEquals(12345L, Counts.parse("12,345"));
        assertEquals(999L, Counts.parse("999"));
        assertNull(Counts.parse("none"));
        assertNull(Counts.parse(null));
    }
}
