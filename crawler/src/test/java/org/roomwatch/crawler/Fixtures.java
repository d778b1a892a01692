package org.roomwatch.crawler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.CrawlerConfig;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.roomwatch.crawler.http.Sleeper;
import org.roomwatch.crawler.telegram.PublicRoomSource;

/** Shared test set-up: a fetcher whose sleeps are recorded and skipped, pointed at a local site. */
final class Fixtures {
    private Fixtures() {}

    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    static CrawlerConfig crawlerConfig(String baseUrl) {
        return new ConfigLoader().defaults().crawler().withTelegramBaseUrl(baseUrl).withRequestsPerSecondPerHost(1000);
    }

    static PublicRoomSource source(String baseUrl, Sleeper sleeper) {
        CrawlerConfig config = crawlerConfig(baseUrl);
        return new PublicRoomSource(new PoliteFetcher(config, Clock.systemUTC(), sleeper), baseUrl, config.maxPagesPerCrawl(),
                Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
    }
}
