package org.roomwatch.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.TelegramSite;

/** The benchmarks' input: t.me pages of one synthetic room ("bench_room"), newest page first, as a crawl reads them. */
final class BenchPages {
    static final String ROOM = "bench_room";

    private BenchPages() {}

    /** {@code count} synthetic posts from {@code random}, one a second from {@code from}, rendered as the room's pages. */
    static List<String> render(int count, Random random, Instant from) {
        SimRoom room = new SimRoom(ROOM, "벤치 방", "벤치마크", true, 1000, true);
        for (int i = 1; i <= count; i++) {
            room.add(SyntheticRooms.nextPost(room, random, from.plusSeconds(i)));
        }
        List<String> pages = new ArrayList<>();
        for (long before = 0; ; ) {
            pages.add(TelegramSite.renderChannelPage("https://t.me", room, before));
            long lowest = room.page(before, TelegramSite.PAGE_SIZE).get(0).id();
            if (lowest <= 1) {
                return pages;
            }
            before = lowest;
        }
    }
}
