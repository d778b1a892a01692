package org.roomwatch.crawler.telegram;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.text.Sha256;

/**
 * Reads a public channel preview page (t.me/s/NAME): header, posts and the link to older posts. A post that
 * cannot be read is skipped with a reason; it never fails the page.
 */
public final class PublicChannelParser {
    public static final String PLATFORM = "telegram";
    private static final Pattern BACKGROUND_URL = Pattern.compile("background-image\\s*:\\s*url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");
    private static final Pattern POST_ID = Pattern.compile("([A-Za-z0-9_]+)/(\\d+)");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00a0]+\\n");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern REPLY_ID = Pattern.compile("/(\\d+)(?:\\?.*)?$");
    // Selectors compiled once: each page is read with a dozen, and compiling a query costs as much as running it.
    private static final Evaluator CHANNEL_INFO = QueryParser.parse(".tgme_channel_info");
    private static final Evaluator CHANNEL_TITLE = QueryParser.parse(".tgme_channel_info_header_title");
    private static final Evaluator HEADER_TITLE = QueryParser.parse(".tgme_header_title");
    private static final Evaluator CHANNEL_DESCRIPTION = QueryParser.parse(".tgme_channel_info_description");
    private static final Evaluator COUNTER = QueryParser.parse(".tgme_channel_info_counter");
    private static final Evaluator COUNTER_TYPE = QueryParser.parse(".counter_type");
    private static final Evaluator COUNTER_VALUE = QueryParser.parse(".counter_value");
    private static final Evaluator DOCUMENT_LINK = QueryParser.parse("a.tgme_widget_message_document");
    private static final Evaluator MORE_LINK = QueryParser.parse("a.tme_messages_more[data-before], a.js-messages_more[data-before]");

    /** Parses a page of room {@code roomName} fetched from {@code pageUrl} at {@code capturedAt}. */
    public ChannelPage parse(String html, String roomName, String pageUrl, Instant capturedAt) {
        Document doc = HtmlParsers.parse(html, pageUrl);
        Room header = header(doc, roomName, pageUrl, capturedAt, html);
        List<Message> posts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int[] sourceCursor = {0}; // posts come in page order: each one's source is searched for after the last
        for (Element element : posts(doc)) {
            if (!element.hasAttr("data-post")) {
                skipped.add("a post without data-post attribute was skipped");
                continue;
            }
            try {
                posts.add(post(element, roomName, pageUrl, capturedAt, html, sourceCursor));
            } catch (UnreadablePost e) {
                skipped.add(e.getMessage());
            }
        }
        return new ChannelPage(header, posts, skipped, olderBefore(doc, posts));
    }

    /**
     * The elements of "div.tgme_widget_message", in page order, without walking into each one found: a post holds no
     * posts, and its own elements are read once by {@link PostParts}. The selector walked every element of the page.
     */
    private static List<Element> posts(Document doc) {
        List<Element> posts = new ArrayList<>();
        NodeTraversor.filter((node, depth) -> {
            if (node instanceof Element e && e.normalName().equals("div") && e.hasClass("tgme_widget_message")) {
                posts.add(e);
                return NodeFilter.FilterResult.SKIP_CHILDREN;
            }
            return NodeFilter.FilterResult.CONTINUE;
        }, doc);
        return posts;
    }

    private static Room header(Document doc, String roomName, String pageUrl, Instant capturedAt, String html) {
        Element info = doc.selectFirst(CHANNEL_INFO);
        String title = text(doc.selectFirst(CHANNEL_TITLE));
        if (title == null) {
            title = text(doc.selectFirst(HEADER_TITLE));
        }
        String description = info == null ? null : richText(info.selectFirst(CHANNEL_DESCRIPTION));
        Long subscribers = null;
        Long members = null;
        Long photos = null;
        Long videos = null;
        Long links = null;
        RoomKind kind = RoomKind.UNKNOWN;
        // Counters sit inside the channel info: looking only there spares a walk of every post on the page.
        for (Element counter : (info != null ? info : doc).select(COUNTER)) {
            String type = text(counter.selectFirst(COUNTER_TYPE));
            Long value = Counts.parse(text(counter.selectFirst(COUNTER_VALUE)));
            if (type == null) {
                continue;
            }
            if (type.startsWith("subscriber")) {
                subscribers = value;
                kind = RoomKind.CHANNEL;
            } else if (type.startsWith("member")) {
                members = value;
                kind = RoomKind.GROUP;
            } else if (type.startsWith("photo")) {
                photos = value;
            } else if (type.startsWith("video")) {
                videos = value;
            } else if (type.startsWith("link")) {
                links = value;
            }
        }
        return new Room(PLATFORM, roomName, title, description, kind, members, subscribers, null, photos, videos, links,
                true, InviteStatus.NOT_AN_INVITE, capturedAt, pageUrl, Sha256.hex(info == null ? "" : source(info, "\"tgme_channel_info", html)));
    }

    private static Message post(Element element, String roomName, String pageUrl, Instant capturedAt, String html,
                                int[] sourceCursor) throws UnreadablePost {
        String dataPost = element.attr("data-post");
        Matcher idMatch = POST_ID.matcher(dataPost);
        if (!idMatch.matches()) {
            throw new UnreadablePost("post with unreadable data-post [" + dataPost + "] was skipped");
        }
        long id = Long.parseLong(idMatch.group(2));
        PostParts parts = new PostParts(element);
        Element time = parts.time;
        if (time == null) {
            throw new UnreadablePost("post " + dataPost + " has no date and was skipped");
        }
        Instant postedAt;
        try {
            postedAt = PostDates.parse(time.attr("datetime"));
        } catch (DateTimeParseException e) {
            throw new UnreadablePost("post " + dataPost + " has an unreadable date [" + time.attr("datetime") + "] and was skipped");
        }
        Element dateLink = parts.first("a", "tgme_widget_message_date", "href");
        String permalink = dateLink != null ? link(dateLink, "href") : "";
        if (permalink.isEmpty()) {
            permalink = pageUrl.replaceFirst("/s/.*$", "/") + dataPost;
        }
        Element textElement = parts.first("tgme_widget_message_text");
        String text = richText(textElement);
        Set<String> links = new LinkedHashSet<>();
        if (textElement != null) {
            for (Element a : textElement.getElementsByTag("a")) {
                String href = link(a, "href");
                if (!href.isEmpty() && !href.startsWith("javascript:")) {
                    links.add(href);
                }
            }
        }
        String author = text(parts.first("tgme_widget_message_from_author"));
        if (author == null) {
            author = text(parts.first("tgme_widget_message_owner_name"));
        }
        Element forwarded = parts.first("tgme_widget_message_forwarded_from_name");
        String forwardedFrom = null;
        if (forwarded != null) {
            String href = link(forwarded, "href");
            forwardedFrom = href.isEmpty() ? forwarded.text().trim() : href;
        }
        Long replyTo = null;
        Element reply = parts.first("a", "tgme_widget_message_reply", "href");
        if (reply != null) {
            Matcher m = REPLY_ID.matcher(reply.attr("href"));
            if (m.find()) {
                replyTo = Long.parseLong(m.group(1));
            }
        }
        Long views = Counts.parse(text(parts.first("tgme_widget_message_views")));
        String meta = text(parts.first("tgme_widget_message_meta"));
        boolean edited = meta != null && meta.toLowerCase().contains("edited");
        boolean service = element.hasClass("service_message");
        return new Message(PLATFORM, roomName, id, permalink, postedAt, author, text, List.copyOf(links), forwardedFrom,
                replyTo, views, edited, service, media(parts), capturedAt, pageUrl, Sha256.hex(postSource(element, "data-post=\"" + dataPost + "\"", html, sourceCursor)));
    }

    private static List<MediaRef> media(PostParts parts) {
        List<MediaRef> media = new ArrayList<>();
        // Same elements as the selector "a.tgme_widget_message_photo_wrap, .tgme_widget_message_photo".
        for (Element photo : parts.matching(e -> e.hasClass("tgme_widget_message_photo")
                || (e.normalName().equals("a") && e.hasClass("tgme_widget_message_photo_wrap")))) {
            String url = backgroundUrl(photo.attr("style"));
            if (url != null) {
                media.add(new MediaRef(MediaKind.PHOTO, absolute(photo, url)));
            }
        }
        for (Element video : parts.videos) {
            media.add(new MediaRef(MediaKind.VIDEO, link(video, "src")));
        }
        if (parts.videos.isEmpty()) {
            for (Element player : parts.all("tgme_widget_message_video_player")) {
                media.add(new MediaRef(MediaKind.VIDEO, link(player, "href")));
            }
        }
        for (Element thumb : parts.all("tgme_widget_message_video_thumb")) {
            String url = backgroundUrl(thumb.attr("style"));
            if (url != null) {
                media.add(new MediaRef(MediaKind.POSTER, absolute(thumb, url)));
            }
        }
        // "a.tgme_widget_message_document, .tgme_widget_message_document_wrap"; a wrap holding its link counts once.
        for (Element doc : parts.matching(e -> e.hasClass("tgme_widget_message_document_wrap")
                || (e.normalName().equals("a") && e.hasClass("tgme_widget_message_document")))) {
            if (doc.hasClass("tgme_widget_message_document_wrap") && doc.selectFirst(DOCUMENT_LINK) != null) {
                continue;
            }
            media.add(new MediaRef(MediaKind.DOCUMENT, link(doc, "href")));
        }
        for (Element audio : parts.audios) {
            media.add(new MediaRef(MediaKind.AUDIO, link(audio, "src")));
        }
        for (Element sticker : parts.all("tgme_widget_message_sticker")) {
            if (sticker.hasAttr("data-webp")) {
                media.add(new MediaRef(MediaKind.STICKER, link(sticker, "data-webp")));
            }
        }
        return media;
    }

    /** A post's exact text in the page, searched from where the previous post was found. */
    private static String postSource(Element element, String anchor, String html, int[] cursor) {
        String fragment = SourceFragments.enclosingDiv(html, anchor, cursor[0]);
        if (fragment == null && cursor[0] > 0) {
            fragment = SourceFragments.enclosingDiv(html, anchor, 0); // out of order: search the whole page
        }
        if (fragment == null) {
            return element.outerHtml();
        }
        int at = html.indexOf(anchor, cursor[0]);
        cursor[0] = Math.max(cursor[0], at < 0 ? 0 : at);
        return fragment;
    }

    /** The element's exact text in the page (found from an anchor in its start tag), else its parsed form. */
    private static String source(Element element, String anchor, String html) {
        String fragment = SourceFragments.enclosingDiv(html, anchor, 0);
        return fragment != null ? fragment : element.outerHtml();
    }

    /**
     * What {@code absUrl} gives, without its URL parsing for the plain absolute links that make up nearly all of a
     * page (that parsing was a quarter of the time spent reading a post). Anything else (relative, spaces, control
     * characters, non-ASCII, dot segments) goes through {@code absUrl} itself.
     */
    static String link(Element element, String attribute) {
        String value = element.attr(attribute);
        if ((value.startsWith("https://") || value.startsWith("http://")) && plain(value)) {
            return value;
        }
        return element.absUrl(attribute);
    }

    private static boolean plain(String url) {
        // A host of lower-case letters, digits, dots and dashes, with an optional port: nothing for URL to normalize.
        int host = url.indexOf("://") + 3;
        int end = host;
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?' && url.charAt(end) != '#') {
            char c = url.charAt(end);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':')) {
                return false;
            }
            end++;
        }
        if (end == host || url.charAt(host) == ':' || url.charAt(host) == '.') {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        return !url.contains("/.");
    }

    private static String absolute(Element base, String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return url;
        }
        try {
            return java.net.URI.create(base.baseUri()).resolve(url).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    static String backgroundUrl(String style) {
        if (style == null) {
            return null;
        }
        Matcher m = BACKGROUND_URL.matcher(style);
        return m.find() ? m.group(1) : null;
    }

    private static OptionalLong olderBefore(Document doc, List<Message> posts) {
        Element more = doc.selectFirst(MORE_LINK);
        if (more != null) {
            try {
                return OptionalLong.of(Long.parseLong(more.attr("data-before")));
            } catch (NumberFormatException e) {
                // fall through to the lowest post id
            }
        }
        if (more != null && !posts.isEmpty()) {
            return OptionalLong.of(posts.stream().mapToLong(Message::messageId).min().getAsLong());
        }
        return OptionalLong.empty();
    }

    static String text(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.text().trim();
        return text.isEmpty() ? null : text;
    }

    /** Text with line breaks kept (br and block ends), links' visible text included. */
    static String richText(Element element) {
        if (element == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        appendText(element, out);
        String text = BLANK_LINES.matcher(TRAILING_SPACE.matcher(out.toString()).replaceAll("\n")).replaceAll("\n\n").trim();
        return text.isEmpty() ? null : text;
    }

    private static void appendText(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode textNode) {
                out.append(textNode.getWholeText().replace('\n', ' '));
            } else if (child instanceof Element e) {
                if (e.normalName().equals("br")) {
                    out.append('\n');
                } else {
                    appendText(e, out);
                    if (e.isBlock()) {
                        out.append('\n');
                    }
                }
            }
        }
    }

    private static final class UnreadablePost extends Exception {
        UnreadablePost(String message) {
            super(message, null, false, false);
        }
    }
}
