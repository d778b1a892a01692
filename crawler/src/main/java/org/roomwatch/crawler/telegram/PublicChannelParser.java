package org.roomwatch.crawler.telegram;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;

/**
 * Reads a public channel preview page (t.me/s/NAME): header, posts and the link to older posts. A post that
 * cannot be read is skipped with a reason; it never fails the page.
 */
public final class PublicChannelParser {
    public static final String PLATFORM = "telegram";
    private static final Pattern BACKGROUND_URL = Pattern.compile("background-image\\s*:\\s*url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");
    private static final Pattern POST_ID = Pattern.compile("([A-Za-z0-9_]+)/(\\d+)");

    /** Parses a page of room {@code roomName} fetched from {@code pageUrl} at {@code capturedAt}. */
    public ChannelPage parse(String html, String roomName, String pageUrl, Instant capturedAt) {
        Document doc = Jsoup.parse(html, pageUrl);
        Room header = header(doc, roomName, pageUrl, capturedAt, html);
        List<Message> posts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Element element : doc.select("div.tgme_widget_message[data-post]")) {
            try {
                posts.add(post(element, roomName, pageUrl, capturedAt));
            } catch (UnreadablePost e) {
                skipped.add(e.getMessage());
            }
        }
        for (Element element : doc.select("div.tgme_widget_message:not([data-post])")) {
            skipped.add("a post without data-post attribute was skipped");
        }
        return new ChannelPage(header, posts, skipped, olderBefore(doc, posts));
    }

    private static Room header(Document doc, String roomName, String pageUrl, Instant capturedAt, String html) {
        Element info = doc.selectFirst(".tgme_channel_info");
        String title = text(doc.selectFirst(".tgme_channel_info_header_title"));
        if (title == null) {
            title = text(doc.selectFirst(".tgme_header_title"));
        }
        String description = info == null ? null : richText(info.selectFirst(".tgme_channel_info_description"));
        Long subscribers = null;
        Long members = null;
        Long photos = null;
        Long videos = null;
        Long links = null;
        RoomKind kind = RoomKind.UNKNOWN;
        for (Element counter : doc.select(".tgme_channel_info_counter")) {
            String type = text(counter.selectFirst(".counter_type"));
            Long value = Counts.parse(text(counter.selectFirst(".counter_value")));
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
                true, InviteStatus.NOT_AN_INVITE, capturedAt, pageUrl, Digests.sha256(info == null ? "" : info.outerHtml()));
    }

    private static Message post(Element element, String roomName, String pageUrl, Instant capturedAt) throws UnreadablePost {
        String dataPost = element.attr("data-post");
        Matcher idMatch = POST_ID.matcher(dataPost);
        if (!idMatch.matches()) {
            throw new UnreadablePost("post with unreadable data-post [" + dataPost + "] was skipped");
        }
        long id = Long.parseLong(idMatch.group(2));
        Element time = element.selectFirst(".tgme_widget_message_date time[datetime], time[datetime]");
        if (time == null) {
            throw new UnreadablePost("post " + dataPost + " has no date and was skipped");
        }
        Instant postedAt;
        try {
            postedAt = OffsetDateTime.parse(time.attr("datetime")).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnreadablePost("post " + dataPost + " has an unreadable date [" + time.attr("datetime") + "] and was skipped");
        }
        Element dateLink = element.selectFirst("a.tgme_widget_message_date[href]");
        String permalink = dateLink != null ? dateLink.absUrl("href") : "";
        if (permalink.isEmpty()) {
            permalink = pageUrl.replaceFirst("/s/.*$", "/") + dataPost;
        }
        Element textElement = element.selectFirst(".tgme_widget_message_text");
        String text = richText(textElement);
        Set<String> links = new LinkedHashSet<>();
        if (textElement != null) {
            for (Element a : textElement.select("a[href]")) {
                String href = a.absUrl("href");
                if (!href.isEmpty() && !href.startsWith("javascript:")) {
                    links.add(href);
                }
            }
        }
        String author = text(element.selectFirst(".tgme_widget_message_from_author"));
        if (author == null) {
            author = text(element.selectFirst(".tgme_widget_message_owner_name"));
        }
        Element forwarded = element.selectFirst(".tgme_widget_message_forwarded_from_name");
        String forwardedFrom = null;
        if (forwarded != null) {
            String href = forwarded.absUrl("href");
            forwardedFrom = href.isEmpty() ? forwarded.text().trim() : href;
        }
        Long replyTo = null;
        Element reply = element.selectFirst("a.tgme_widget_message_reply[href]");
        if (reply != null) {
            Matcher m = Pattern.compile("/(\\d+)(?:\\?.*)?$").matcher(reply.attr("href"));
            if (m.find()) {
                replyTo = Long.parseLong(m.group(1));
            }
        }
        Long views = Counts.parse(text(element.selectFirst(".tgme_widget_message_views")));
        String meta = text(element.selectFirst(".tgme_widget_message_meta"));
        boolean edited = meta != null && meta.toLowerCase().contains("edited");
        boolean service = element.hasClass("service_message");
        return new Message(PLATFORM, roomName, id, permalink, postedAt, author, text, List.copyOf(links), forwardedFrom,
                replyTo, views, edited, service, media(element), capturedAt, pageUrl, Digests.sha256(element.outerHtml()));
    }

    private static List<MediaRef> media(Element element) {
        List<MediaRef> media = new ArrayList<>();
        for (Element photo : element.select("a.tgme_widget_message_photo_wrap, .tgme_widget_message_photo")) {
            String url = backgroundUrl(photo.attr("style"));
            if (url != null) {
                media.add(new MediaRef(MediaKind.PHOTO, absolute(photo, url)));
            }
        }
        for (Element video : element.select("video.tgme_widget_message_video[src], video[src]")) {
            media.add(new MediaRef(MediaKind.VIDEO, video.absUrl("src")));
        }
        if (element.select("video[src]").isEmpty()) {
            for (Element player : element.select(".tgme_widget_message_video_player")) {
                media.add(new MediaRef(MediaKind.VIDEO, player.absUrl("href")));
            }
        }
        for (Element doc : element.select("a.tgme_widget_message_document, .tgme_widget_message_document_wrap")) {
            if (doc.is(".tgme_widget_message_document_wrap") && doc.selectFirst("a.tgme_widget_message_document") != null) {
                continue;
            }
            media.add(new MediaRef(MediaKind.DOCUMENT, doc.absUrl("href")));
        }
        for (Element audio : element.select("audio[src]")) {
            media.add(new MediaRef(MediaKind.AUDIO, audio.absUrl("src")));
        }
        for (Element sticker : element.select(".tgme_widget_message_sticker[data-webp]")) {
            media.add(new MediaRef(MediaKind.STICKER, sticker.absUrl("data-webp")));
        }
        return media;
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
        Element more = doc.selectFirst("a.tme_messages_more[data-before], a.js-messages_more[data-before]");
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
        String text = out.toString().replaceAll("[ \\t\\u00a0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").trim();
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
