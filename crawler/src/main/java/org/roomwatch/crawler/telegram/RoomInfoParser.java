package org.roomwatch.crawler.telegram;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomKind;
import org.roomwatch.core.text.Sha256;

/**
 * Reads a room's landing page (t.me/NAME, t.me/+HASH, t.me/joinchat/HASH): title, description, type, counters,
 * whether a web preview exists, and whether an invite is still valid.
 */
public final class RoomInfoParser {
    private static final Pattern MEMBERS = Pattern.compile("([\\d\\s,.\u00a0]+[KMB]?)\\s*members?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBSCRIBERS = Pattern.compile("([\\d\\s,.\u00a0]+[KMB]?)\\s*subscribers?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ONLINE = Pattern.compile("([\\d\\s,.\u00a0]+[KMB]?)\\s*online", Pattern.CASE_INSENSITIVE);

    /**
     * @param roomName the username, or the invite path (+HASH, joinchat/HASH) for invites
     * @param invite   whether the page is an invite link
     */
    public Room parse(String html, String roomName, boolean invite, String pageUrl, Instant capturedAt) {
        Document doc = Jsoup.parse(html, pageUrl);
        Element page = doc.selectFirst(".tgme_page");
        String title = PublicChannelParser.text(doc.selectFirst(".tgme_page_title"));
        String description = PublicChannelParser.richText(doc.selectFirst(".tgme_page_description"));
        String extra = PublicChannelParser.text(doc.selectFirst(".tgme_page_extra"));
        String action = doc.select(".tgme_page_action a, .tgme_action_button_new").text().toLowerCase(Locale.ROOT);
        boolean hasPreview = doc.selectFirst("a.tgme_action_web_button[href*=/s/], a[href^=/s/]") != null;

        RoomKind kind = RoomKind.UNKNOWN;
        Long members = find(MEMBERS, extra);
        Long subscribers = find(SUBSCRIBERS, extra);
        Long online = find(ONLINE, extra);
        if (subscribers != null || action.contains("channel")) {
            kind = RoomKind.CHANNEL;
        } else if (members != null || action.contains("group")) {
            kind = RoomKind.GROUP;
        }
        InviteStatus status = InviteStatus.NOT_AN_INVITE;
        if (invite) {
            status = title == null ? InviteStatus.EXPIRED_OR_INVALID : InviteStatus.VALID;
        }
        return new Room(PublicChannelParser.PLATFORM, roomName, title, description, kind, members, subscribers, online,
                null, null, null, hasPreview, status, capturedAt, pageUrl, Sha256.hex(page == null ? html : page.outerHtml()));
    }

    /** True when the page is Telegram's "no such user or room" page. */
    public boolean isUnknownRoom(String html) {
        Document doc = Jsoup.parse(html);
        return doc.selectFirst(".tgme_page_title") == null && doc.selectFirst(".tgme_page_extra") == null
                && doc.selectFirst(".tgme_channel_info") == null;
    }

    private static Long find(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? Counts.parse(m.group(1)) : null;
    }
}
