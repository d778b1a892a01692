package org.roomwatch.crawler.discovery;

import java.time.Clock;
import java.util.function.Consumer;
import org.roomwatch.core.DiscoveredRoom;
import org.roomwatch.core.DiscoveredRooms;
import org.roomwatch.core.InviteStatus;
import org.roomwatch.core.Room;
import org.roomwatch.core.SourceException;
import org.roomwatch.crawler.telegram.PublicRoomSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the public page of newly discovered rooms (Telegram usernames and invites: title, member count, expired)
 * so an analyst sees what a link is before deciding. Other platforms have no page roomwatch can read; that is noted.
 */
public final class DiscoveredPageFetcher {
    private static final Logger log = LoggerFactory.getLogger(DiscoveredPageFetcher.class);

    private final DiscoveredRooms rooms;
    private final PublicRoomSource telegram;
    private final Clock clock;
    private final Consumer<DiscoveredRoom> onFetched;

    /** Each room whose page was read is handed to {@code onFetched} (watchlists match new rooms there). */
    public DiscoveredPageFetcher(DiscoveredRooms rooms, PublicRoomSource telegram, Clock clock, Consumer<DiscoveredRoom> onFetched) {
        this.rooms = rooms;
        this.telegram = telegram;
        this.clock = clock;
        this.onFetched = onFetched;
    }

    /** Fetches up to {@code limit} rooms never fetched; returns how many were handled. */
    public int fetchSome(int limit) {
        int handled = 0;
        for (DiscoveredRoom room : rooms.unfetched(limit)) {
            handled++;
            if (!room.platform().equals("telegram")) {
                rooms.saveFetched(room.id(), null, null, null, "no public page reader for " + room.platform()
                        + " links; open it from a controlled machine to check", clock.instant());
                continue;
            }
            try {
                Room page = telegram.landing(room.target());
                Long members = page.members() != null ? page.members() : page.subscribers();
                rooms.saveFetched(room.id(), page.title(), members, page.invite() == InviteStatus.EXPIRED_OR_INVALID, null, clock.instant());
                rooms.find(room.id()).ifPresent(fetched -> {
                    try {
                        onFetched.accept(fetched);
                    } catch (RuntimeException e) {
                        log.warn("Matching discovered room {} failed: {}", room.id(), e.toString());
                    }
                });
            } catch (SourceException e) {
                if (e.retryable()) {
                    log.info("Page of discovered room {} not fetched yet: {}", room.id(), e.getMessage());
                    handled--;
                    continue; // tried again next round
                }
                rooms.saveFetched(room.id(), null, null, null, e.getMessage(), clock.instant());
            } catch (IllegalArgumentException e) {
                rooms.saveFetched(room.id(), null, null, null, "not a usable room name: " + e.getMessage(), clock.instant());
            }
        }
        return handled;
    }
}
