package org.roomwatch.crawler.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of one watched room. Never two at once for a room, even across a cluster. */
@DisallowConcurrentExecution
public final class RoomCrawlJob implements Job {
    static final String ROOM = "room";

    private final RoomCrawler crawler;

    public RoomCrawlJob(RoomCrawler crawler) {
        this.crawler = crawler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        // The crawler records every failure on the room; nothing escapes to stop the scheduler.
        crawler.crawl(context.getMergedJobDataMap().getString(ROOM));
    }
}
