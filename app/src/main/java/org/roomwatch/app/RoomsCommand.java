package org.roomwatch.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.JdbcRoomRegistry;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.config.DurationText;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.crawler.schedule.CrawlScheduler;
import org.roomwatch.crawler.schedule.RoomCrawler;
import org.roomwatch.crawler.schedule.RoomWatchService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Watched rooms from the command line. It writes the room and its Quartz job into the shared database; a running
 * `roomwatch serve` picks the job up within seconds, without a restart.
 */
@Command(name = "rooms", description = "List, add or remove watched rooms.", subcommands = {
        RoomsCommand.Add.class, RoomsCommand.ListRooms.class, RoomsCommand.Remove.class, RoomsCommand.Backfill.class})
final class RoomsCommand {

    static <T> T withWatcher(Path config, java.util.function.BiFunction<RoomWatchService, RoomwatchConfig, T> action) {
        RoomwatchConfig cfg = Configs.load(config);
        try (ControlPlaneDatabase db = ControlPlaneDatabase.open(cfg.database())) {
            JdbcRoomRegistry registry = new JdbcRoomRegistry(db.dataSource());
            // This scheduler is never started: it only writes jobs for the running crawlers to run.
            RoomCrawler unused = new RoomCrawler(registry, Map.of(), null, java.time.Clock.systemUTC());
            CrawlScheduler scheduler = new CrawlScheduler(db.dataSource(), cfg.database().isPostgres(), 1, unused);
            try {
                return action.apply(new RoomWatchService(registry, scheduler), cfg);
            } finally {
                scheduler.close();
            }
        }
    }

    @Command(name = "add", description = "Watch a room (scheduled at once).")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--source", defaultValue = "public", description = "public or account") String source;
        @Option(names = "--interval", description = "e.g. 10m (default: crawler.defaultInterval)") String interval;
        @Option(names = "--config") Path config;

        @Override
        public Integer call() {
            return withWatcher(config, (watcher, cfg) -> {
                Duration every = interval == null ? cfg.crawler().defaultInterval() : DurationText.parse(interval);
                WatchedRoom room = new WatchedRoom(name, SourceKind.parse(source), every);
                boolean added = watcher.watch(room);
                System.out.println((added ? "watching " : "updated ") + Roomwatch.describe(room));
                return 0;
            });
        }
    }

    @Command(name = "list", description = "List watched rooms with their crawl state.")
    static final class ListRooms implements Callable<Integer> {
        @Option(names = "--config") Path config;

        @Override
        public Integer call() {
            return withWatcher(config, (watcher, cfg) -> {
                for (WatchedRoom room : watcher.watched()) {
                    System.out.println(Roomwatch.describe(room));
                }
                if (watcher.watched().isEmpty()) {
                    System.out.println("no rooms are watched; add one with: roomwatch rooms add NAME");
                }
                return 0;
            });
        }
    }

    @Command(name = "remove", description = "Stop watching a room (its captured data stays).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--config") Path config;

        @Override
        public Integer call() {
            return withWatcher(config, (watcher, cfg) -> {
                if (watcher.unwatch(name)) {
                    System.out.println("no longer watching " + name);
                    return 0;
                }
                System.err.println("roomwatch: " + name + " is not watched");
                return 1;
            });
        }
    }

    /**
     * Reads a watched room down to its cursor now, crawl after crawl, with a progress bar. For an account room, run it
     * while 'roomwatch serve' is stopped: TDLib lets one process at a time open an account's database.
     */
    @Command(name = "backfill", description = "Read a watched room's history down to its cursor now, with a progress bar.")
    static final class Backfill implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--config") Path config;
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RoomwatchConfig cfg = Configs.load(config);
            java.io.PrintWriter out = spec.commandLine().getOut();
            try (Roomwatch app = Roomwatch.startCrawlOnly(cfg)) {
                if (app.registry().find(name).isEmpty()) {
                    spec.commandLine().getErr().println("roomwatch rooms backfill: " + name
                            + " is not watched; add it first: roomwatch rooms add " + name + " --source public|account");
                    return 1;
                }
                long startCursor = app.registry().position(name).cursor();
                ProgressBar bar = new ProgressBar(out, System.console() != null);
                long total = 0;
                org.roomwatch.core.CrawlPosition before = app.registry().position(name);
                while (true) {
                    RoomCrawler.Outcome outcome = app.crawler().crawl(name);
                    if (!outcome.ok()) {
                        bar.done("stopped: " + outcome.summary() + " (the cursor is kept; run it again to go on)");
                        return 1;
                    }
                    total += outcome.stored();
                    org.roomwatch.core.CrawlPosition now = app.registry().position(name);
                    bar.update(now, startCursor, outcome.stored());
                    if (!now.inBackfill()) {
                        bar.done(name + ": " + total + " messages stored, cursor " + now.cursor());
                        return 0;
                    }
                    if (now.equals(before)) {
                        bar.done("stopped: a crawl made no progress (" + outcome.summary() + ")");
                        return 1;
                    }
                    before = now;
                }
            }
        }
    }
}
