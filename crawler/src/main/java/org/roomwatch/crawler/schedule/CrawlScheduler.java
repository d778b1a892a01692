package org.roomwatch.crawler.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.roomwatch.core.WatchedRoom;

/**
 * Quartz on its JDBC job store in the control-plane database, clustered so several crawler processes share the
 * rooms. One job per room, repeating at the room's interval; a missed run fires once on recovery (so a wall clock
 * jumping forward costs one catch-up crawl per room, not a burst of every run it seems to have missed).
 *
 * <p>Quartz keeps each trigger's next run as wall-clock time. When the wall clock jumps back, every room's next run
 * moves that far into the future, and the rooms would sit unwatched for as long as the jump. A guard compares the wall
 * clock with the monotonic one every few seconds; when the wall clock went back, and once a minute in any case (a
 * clustered peer's clock may be ahead), it looks for rooms due later than their interval allows and runs them now.
 * Reading every room's trigger costs a query per room, so it is not done on every tick.
 */
public final class CrawlScheduler implements AutoCloseable {
    /** How long closing waits for the crawls in flight. */
    static final java.time.Duration IN_FLIGHT_WAIT = java.time.Duration.ofSeconds(30);

    static final String GROUP = "rooms";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CrawlScheduler.class);
    /** How far beyond its interval a room's next run may lie before the guard calls it a wall-clock jump. */
    private static final long JUMP_SLACK_MILLIS = 5_000;
    /** How often the triggers are looked at when no jump back was seen. */
    private static final long ROUTINE_CHECK_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    /** Wall minus monotonic time at the last tick (a jump back lowers it by the jump), and when triggers were last read. */
    private long lastSkewMillis;
    private long lastCheckNanos;
    private boolean checkedOnce;

    private final Scheduler scheduler;
    private final java.util.concurrent.ScheduledExecutorService guard =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "crawl-schedule-guard");
                t.setDaemon(true);
                return t;
            });

    public CrawlScheduler(DataSource dataSource, boolean postgres, int threads, RoomCrawler crawler) {
        String provider = "roomwatch-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(provider, new PooledProvider(dataSource));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "roomwatch");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // Rooms added by another process (the CLI) are picked up within this many milliseconds.
        p.setProperty("org.quartz.scheduler.idleWaitTime", "2000");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", provider);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        // A run later than this counts as missed and is left to the misfire handler, which also wakes this often: after
        // the wall clock jumps forward every room looks missed, and waits up to this long for its catch-up run.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            this.scheduler = factory.getScheduler();
            scheduler.setJobFactory((bundle, s) -> new RoomCrawlJob(crawler));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not create the crawl scheduler: " + e.getMessage(), e);
        }
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the crawl scheduler: " + e.getMessage(), e);
        }
        // A fixed delay is measured on the monotonic clock, so the guard itself keeps running through a jump.
        guard.scheduleWithFixedDelay(this::runRoomsPushedBackByTheClock, 3, 3, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A guard tick: reads the triggers when the wall clock went back, at the first tick, and once a minute. */
    void runRoomsPushedBackByTheClock() {
        if (!isRunning()) {
            return; // a jump seen while in standby is still seen once running: the skew is not updated here
        }
        long monotonic = System.nanoTime();
        long skew = System.currentTimeMillis() - java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(monotonic);
        boolean wentBack = checkedOnce && lastSkewMillis - skew > JUMP_SLACK_MILLIS;
        boolean due = !checkedOnce || wentBack || monotonic - lastCheckNanos >= ROUTINE_CHECK_NANOS;
        lastSkewMillis = skew;
        if (due) {
            checkedOnce = true;
            lastCheckNanos = monotonic;
            runPushedBackRooms();
        }
    }

    /**
     * Runs now every room whose next run lies further ahead than its interval (plus slack): only a wall clock that
     * went back (here, or ahead on a peer) puts it there. Every crawler process checks; rescheduling twice costs at
     * most one extra crawl.
     */
    private void runPushedBackRooms() {
        try {
            long now = System.currentTimeMillis();
            for (org.quartz.TriggerKey key : scheduler.getTriggerKeys(org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(GROUP))) {
                if (scheduler.getTrigger(key) instanceof org.quartz.SimpleTrigger trigger && trigger.getNextFireTime() != null) {
                    long ahead = trigger.getNextFireTime().getTime() - now;
                    if (ahead > trigger.getRepeatInterval() + JUMP_SLACK_MILLIS) {
                        log.warn("Room {} was next due in {} s though its interval is {} s: the wall clock went back; crawling it now",
                                key.getName(), ahead / 1000, trigger.getRepeatInterval() / 1000);
                        scheduler.rescheduleJob(key, trigger(key.getName(), java.time.Duration.ofMillis(trigger.getRepeatInterval())));
                    }
                }
            }
        } catch (SchedulerException | RuntimeException e) {
            // The database may be away for a moment; the next round looks again.
            log.warn("Could not check the room schedules against the clock: {}", e.toString());
        }
    }

    /** Started, not shut down and not in standby: this process is taking crawls. */
    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Schedules the room's crawl, replacing an earlier schedule; the first run is now. */
    public void schedule(WatchedRoom room) {
        JobDetail job = JobBuilder.newJob(RoomCrawlJob.class)
                .withIdentity(room.name(), GROUP)
                .usingJobData(RoomCrawlJob.ROOM, room.name())
                .storeDurably(false)
                .build();
        try {
            scheduler.scheduleJob(job, Set.of(trigger(room.name(), room.interval())), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule room " + room.name() + ": " + e.getMessage(), e);
        }
    }

    /** The room's trigger: first run now, then every {@code interval}; a misfire runs once now. */
    private static Trigger trigger(String room, java.time.Duration interval) {
        return TriggerBuilder.newTrigger()
                .withIdentity(room, GROUP)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }

    public boolean unschedule(String name) {
        try {
            return scheduler.deleteJob(JobKey.jobKey(name, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not unschedule room " + name + ": " + e.getMessage(), e);
        }
    }

    public boolean isScheduled(String name) {
        try {
            return scheduler.checkExists(JobKey.jobKey(name, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops taking new runs and waits for the crawls in flight to finish (at most {@link #IN_FLIGHT_WAIT}). */
    @Override
    public void close() {
        guard.shutdownNow();
        // Quartz retries a finished job's bookkeeping for as long as the database refuses it (a full disk closes H2
        // for good), and shutdown(true) waits for that without end: wait a bounded time, then leave the daemon
        // threads behind. A crawl's bulk in flight is answered well within the bound.
        Thread stopper = new Thread(() -> {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                log.warn("Stopping the crawl scheduler failed: {}", e.toString());
            }
        }, "crawl-scheduler-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(IN_FLIGHT_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            log.warn("Gave up after {} s waiting for the crawls in flight to finish (is the database answering?);"
                    + " their cursors stay where the index last acknowledged", IN_FLIGHT_WAIT.toSeconds());
        }
    }

    private record PooledProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {}

        @Override
        public void initialize() {}
    }
}
