package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.testing.IndicesExtension;
import org.roomwatch.indexer.testing.TestIndices;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.TelegramSite;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;

/**
 * The wall clock of a running {@code roomwatch serve} jumps an hour back, then two hours forward (libfaketime in
 * the child process moves its wall clock and leaves the monotonic clock alone, as a bad NTP step or a VM resume
 * does). Scheduling stays sane: after the jump back the rooms keep being crawled at their interval instead of waiting
 * out the hour; after the jump forward each room catches up with one crawl, not a burst of every run it "missed";
 * new posts are indexed once either way.
 */
@ExtendWith(IndicesExtension.class)
class ClockJumpTest {
    static final Path LIBFAKETIME = Machine.LIBFAKETIME;
    private static final List<String> ROOMS = List.of("clock_room_a", "clock_room_b");

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        ServeProcess.kill(process);
    }

    @Test
    @Needs(Machine.FAKETIME)
    void roomsKeepTheirIntervalThroughJumpsOfTheWallClockBothWays(TestIndices indices) throws Exception {
        String prefix = indices.prefix();
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        try (TelegramSite site = TelegramSite.start()) {
            Map<String, SimRoom> rooms = new HashMap<>();
            StringBuilder yaml = new StringBuilder("crawler:\n  telegramBaseUrl: \"" + site.baseUrl() + "\"\n"
                    + "  requestsPerSecondPerHost: 2\nrooms:\n");
            for (String name : ROOMS) {
                SimRoom room = new SimRoom(name, "시계 방", "합성", false, 20, true);
                for (long id = 1; id <= 5; id++) {
                    room.add(SimPost.text(id, t0.plusSeconds(id), "가상중학교 글 " + id));
                }
                site.add(room);
                rooms.put(name, room);
                yaml.append("  - name: ").append(name).append("\n    interval: 2s\n");
            }
            Path config = dir.resolve("roomwatch.yml");
            Files.writeString(config, yaml);
            Path offset = dir.resolve("faketime");
            Files.writeString(offset, "+0\n");
            Map<String, String> env = new HashMap<>(Map.of(
                    "ROOMWATCH_ELASTICSEARCH_URL", indices.url().toString(),
                    "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", prefix,
                    "ROOMWATCH_API_PORT", "0",
                    "ROOMWATCH_CRAWLER_USERAGENT", "roomwatch-clock"));
            env.putAll(Map.of(
                    "LD_PRELOAD", LIBFAKETIME.toString(),
                    "FAKETIME_TIMESTAMP_FILE", offset.toString(),
                    "FAKETIME_CACHE_DURATION", "1",
                    "FAKETIME_DONT_FAKE_MONOTONIC", "1"));
            process = ServeProcess.start(dir, dir.resolve("serve.log"), env, "--config", config.toString());
            ElasticsearchClient client = indices.client();
            IndexNames names = indices.names();
            awaitIndexed(client, names, 10);
            awaitVisits(site, site.visits().size(), 2, Duration.ofMinutes(2), "before any jump");

            // An hour back. On Quartz's wall-time triggers every room's next run is now an hour away.
            Files.writeString(offset, "-1h\n");
            Thread.sleep(1500); // libfaketime re-reads the offset once a second
            int before = site.visits().size();
            rooms.values().forEach(r -> r.add(SimPost.text(6, t0.plusSeconds(6), "가상중학교 뒤로 간 뒤의 글")));
            awaitVisits(site, before, 3, Duration.ofSeconds(45), "after the clock went an hour back");
            awaitIndexed(client, names, 12);

            // Two hours forward: every run of those two hours looks missed.
            Files.writeString(offset, "+1h\n");
            Thread.sleep(1500);
            int atJump = site.visits().size();
            long jumpNanos = System.nanoTime();
            rooms.values().forEach(r -> r.add(SimPost.text(7, t0.plusSeconds(7), "가상중학교 앞으로 간 뒤의 글")));
            awaitIndexed(client, names, 14);
            Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(16) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - jumpNanos)));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - jumpNanos);
            for (String room : ROOMS) {
                long crawls = site.visits().subList(atJump, site.visits().size()).stream().filter(v -> v.room().equals(room)).count();
                // One page per crawl; at a 2 s interval that is about seconds/2, plus the one catch-up run, which Quartz's
                // misfire handler starts within its 5 s threshold.
                assertTrue(crawls >= 2, room + " kept being crawled after the jump forward: " + crawls);
                assertTrue(crawls <= seconds / 2 + 3, room + " was crawled " + crawls + " times in " + seconds
                        + " s after the jump forward: a burst of missed runs" + ServeProcess.tail(dir.resolve("serve.log"), 30));
            }
            assertEquals(14, count(client, names));
            process.destroy();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS));
            process = null;
        }
    }

    /** Waits until every room has at least {@code atLeast} page visits among those after the first {@code from}. */
    private void awaitVisits(TelegramSite site, int from, int atLeast, Duration timeout, String when) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> seen = Map.of();
        while (System.nanoTime() < deadline) {
            List<TelegramSite.Visit> visits = site.visits();
            seen = new HashMap<>();
            for (String room : ROOMS) {
                seen.put(room, visits.subList(Math.min(from, visits.size()), visits.size()).stream()
                        .filter(v -> v.room().equals(room)).count());
            }
            if (seen.values().stream().allMatch(n -> n >= atLeast)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rooms stopped being crawled " + when + ": " + seen
                + ServeProcess.tail(dir.resolve("serve.log"), 30));
    }

    private void awaitIndexed(ElasticsearchClient client, IndexNames names, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = -1;
        while (System.nanoTime() < deadline) {
            if (client.indices().exists(e -> e.index(names.messages())).value()) {
                seen = count(client, names);
                if (seen >= expected) {
                    assertEquals(expected, seen);
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(seen + " of " + expected + " posts indexed" + ServeProcess.tail(dir.resolve("serve.log"), 30));
    }

    private static long count(ElasticsearchClient client, IndexNames names) throws IOException {
        client.indices().refresh(r -> r.index(names.messages()));
        return client.count(c -> c.index(names.messages())).count();
    }
}
