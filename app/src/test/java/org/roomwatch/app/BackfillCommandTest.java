package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

/** 'roomwatch rooms backfill' reads a long room down to its cursor in several crawls, showing its progress. */
@ExtendWith(ElasticsearchExtension.class)
class BackfillCommandTest {
    @TempDir
    Path dir;

    @Test
    void progressIsTheShareBetweenTheNewestMessageAndTheCursor() {
        assertEquals(1.0, ProgressBar.fraction(new CrawlPosition(500, 0, 0), 0));
        assertEquals(0.5, ProgressBar.fraction(new CrawlPosition(0, 1000, 501), 0), 1e-9);
        assertEquals(0.25, ProgressBar.fraction(new CrawlPosition(200, 1000, 801), 200), 1e-9);
        assertEquals("[###############...............]  50%  1,234 messages  617/s", ProgressBar.render(0.5, 1234, 617));
    }

    @Test
    void aLongRoomIsBackfilledWithAProgressLinePerCrawl(TestNode node) throws Exception {
        try (TelegramSite site = TelegramSite.start()) {
            SimRoom room = new SimRoom("long_school_room", "긴 방", "설명", false, 300, true);
            for (long id = 1; id <= 200; id++) {
                room.add(SimPost.text(id, Instant.parse("2026-05-01T00:00:00Z").plusSeconds(id * 60), "한빛여고 글 " + id));
            }
            site.add(room);
            Path config = dir.resolve("roomwatch.yml");
            Files.writeString(config, "elasticsearch:\n  url: \"" + node.url() + "\"\n  indexPrefix: \"" + node.indexPrefix()
                    + "backfill-\"\ndatabase:\n  jdbcUrl: \"jdbc:h2:file:" + dir.resolve("db") + "\"\n"
                    + "crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n  requestsPerSecondPerHost: 50\n  maxPagesPerCrawl: 2\n");

            CommandRun notWatched = CommandRun.of("rooms", "backfill", "long_school_room", "--config", config.toString());
            assertEquals(1, notWatched.code());
            assertTrue(notWatched.err().contains("rooms add long_school_room"), notWatched.err());

            assertEquals(0, CommandRun.of("rooms", "add", "long_school_room", "--config", config.toString()).code());
            CommandRun backfill = CommandRun.of("rooms", "backfill", "long_school_room", "--config", config.toString());
            assertEquals(0, backfill.code(), backfill.out() + backfill.err());
            String[] lines = backfill.out().strip().split("\n");
            assertTrue(lines.length >= 4, "a line per crawl of 2 pages (20 posts a page): " + backfill.out());
            assertTrue(lines[0].contains("%") && !lines[0].contains("100%"), lines[0]);
            assertTrue(lines[lines.length - 2].contains("100%"), backfill.out());
            assertTrue(lines[lines.length - 1].contains("200 messages stored, cursor 200"), backfill.out());
        }
    }
}
