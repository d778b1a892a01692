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
 * rooms. One job per room, repeating at the room's interval; a missed run fires once on recovery.
 */
public final class CrawlScheduler implements AutoCloseable {
    static final String GROUP = "rooms";

    private final Scheduler scheduler;

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
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
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
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(room.name(), GROUP)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(room.interval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
        try {
            scheduler.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule room " + room.name() + ": " + e.getMessage(), e);
        }
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

    /** Stops taking new runs and waits for the crawls in flight to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
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
