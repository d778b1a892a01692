package org.roomwatch.crawler.telegram;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;
import org.roomwatch.core.RoomName;
import org.roomwatch.core.RoomSnapshot;
import org.roomwatch.core.RoomSource;
import org.roomwatch.core.SourceException;
import org.roomwatch.crawler.http.FetchException;
import org.roomwatch.crawler.http.FetchResponse;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public Telegram rooms through their web preview: pages t.me/s/NAME backwards with ?before=N until the cursor.
 * A room whose preview is hidden (t.me redirects /s/NAME to /NAME) is read from its landing page and recorded as
 * having no preview, which is not the same as being empty.
 */
public final class PublicRoomSource implements RoomSource {
    private static final Logger log = LoggerFactory.getLogger(PublicRoomSource.class);

    private final PoliteFetcher fetcher;
    private final String baseUrl;
    private final int maxPages;
    private final Clock clock;
    private final PublicChannelParser pageParser = new PublicChannelParser();
    private final RoomInfoParser infoParser = new RoomInfoParser();

    public PublicRoomSource(PoliteFetcher fetcher, String baseUrl, int maxPages, Clock clock) {
        this.fetcher = fetcher;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.maxPages = maxPages;
        this.clock = clock;
    }

    @Override
    public RoomSnapshot fetch(String roomName, CrawlPosition position) throws SourceException {
        String name = RoomName.require(roomName);
        long cursor = position.cursor();
        Map<Long, Message> found = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        Room header = null;
        URI next = URI.create(baseUrl + "/s/" + name + (position.inBackfill() ? "?before=" + position.resumeBefore() : ""));
        long oldestRead = Long.MAX_VALUE;
        for (int pages = 0; next != null; pages++) {
            if (pages >= maxPages) {
                // The posts read so far are stored; the next crawl continues below the oldest of them.
                skipped.add("stopped after crawler.maxPagesPerCrawl=" + maxPages + " pages; older posts follow next crawl");
                return new RoomSnapshot(header != null ? header : landing(name), new ArrayList<>(found.values()), skipped,
                        false, oldestRead);
            }
            FetchResponse response = get(next);
            if (response.isRedirect()) {
                if (pages == 0 && redirectsToLanding(response, name)) {
                    return RoomSnapshot.complete(landing(name), List.of(), List.of());
                }
                throw new FetchException(next + " redirected unexpectedly to " + response.location(), response.status(), false);
            }
            ChannelPage page = pageParser.parse(response.text(), name, next.toString(), clock.instant());
            if (header == null) {
                header = page.header();
            }
            skipped.addAll(page.skipped());
            if (!page.skipped().isEmpty()) {
                log.warn("{}: {}", next, String.join("; ", page.skipped()));
            }
            long lowest = Long.MAX_VALUE;
            for (Message post : page.posts()) {
                lowest = Math.min(lowest, post.messageId());
                oldestRead = Math.min(oldestRead, post.messageId());
                if (post.messageId() > cursor) {
                    found.putIfAbsent(post.messageId(), post);
                }
            }
            OptionalLong older = page.olderBefore();
            boolean reachedCursor = lowest <= cursor + 1;
            if (page.posts().isEmpty() || reachedCursor || older.isEmpty() || older.getAsLong() <= 1) {
                next = null;
            } else {
                long before = Math.min(older.getAsLong(), lowest);
                next = URI.create(baseUrl + "/s/" + name + "?before=" + before);
            }
        }
        return RoomSnapshot.complete(header, new ArrayList<>(found.values()), skipped);
    }

    /** Reads a landing page: t.me/NAME, or an invite (+HASH, joinchat/HASH). */
    public Room landing(String nameOrInvitePath) throws SourceException {
        boolean invite = nameOrInvitePath.startsWith("+") || nameOrInvitePath.startsWith("joinchat/");
        String path = invite ? InviteLinks.requirePath(nameOrInvitePath) : RoomName.require(nameOrInvitePath);
        URI uri = URI.create(baseUrl + "/" + path);
        FetchResponse response = get(uri);
        if (response.isRedirect()) {
            throw new FetchException(uri + " redirected to " + response.location(), response.status(), false);
        }
        String html = response.text();
        if (!invite && infoParser.isUnknownRoom(html)) {
            throw new SourceException("no public room named " + path + " at " + uri, false);
        }
        return infoParser.parse(html, path, invite, uri.toString(), clock.instant());
    }

    private FetchResponse get(URI uri) throws SourceException {
        try {
            return fetcher.get(uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while fetching " + uri, true, e);
        }
    }

    private static boolean redirectsToLanding(FetchResponse response, String name) {
        String location = response.location();
        return location.matches("(?i)(https?://[^/]+)?/" + name + "/?");
    }
}
