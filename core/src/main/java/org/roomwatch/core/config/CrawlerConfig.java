package org.roomwatch.core.config;

import java.time.Duration;

/**
 * Crawling: where, how fast, how patiently. {@code unstoredMessagesMax}: messages fetched but refused by the index
 * that this process keeps in memory to store first when the index is back (a room may delete them meanwhile).
 */
public record CrawlerConfig(String telegramBaseUrl, double requestsPerSecondPerHost, Duration requestTimeout,
                            int maxRetries, Duration initialBackoff, Duration maxBackoff, long maxPageBytes,
                            int maxPagesPerCrawl, String userAgent, Duration defaultInterval, int threads,
                            int unstoredMessagesMax) {
    public CrawlerConfig {
        telegramBaseUrl = Check.required("crawler.telegramBaseUrl", telegramBaseUrl);
        if (!telegramBaseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("crawler.telegramBaseUrl must be an http(s) URL, got " + telegramBaseUrl);
        }
        telegramBaseUrl = telegramBaseUrl.replaceAll("/+$", "");
        if (!(requestsPerSecondPerHost > 0) || requestsPerSecondPerHost > 1000) {
            throw new IllegalArgumentException("crawler.requestsPerSecondPerHost must be above 0 and at most 1000, got "
                    + requestsPerSecondPerHost);
        }
        Check.positive("crawler.requestTimeout", requestTimeout);
        Check.atLeast("crawler.maxRetries", maxRetries, 0);
        Check.positive("crawler.initialBackoff", initialBackoff);
        Check.positive("crawler.maxBackoff", maxBackoff);
        Check.atLeast("crawler.maxPageBytes", maxPageBytes, 1024);
        Check.atLeast("crawler.maxPagesPerCrawl", maxPagesPerCrawl, 1);
        userAgent = Check.required("crawler.userAgent", userAgent);
        Check.positive("crawler.defaultInterval", defaultInterval);
        Check.atLeast("crawler.threads", threads, 1);
        Check.atLeast("crawler.unstoredMessagesMax", unstoredMessagesMax, 0);
    }

    public CrawlerConfig withTelegramBaseUrl(String value) {
        return new CrawlerConfig(value, requestsPerSecondPerHost, requestTimeout, maxRetries, initialBackoff, maxBackoff,
                maxPageBytes, maxPagesPerCrawl, userAgent, defaultInterval, threads, unstoredMessagesMax);
    }

    public CrawlerConfig withRequestsPerSecondPerHost(double value) {
        return new CrawlerConfig(telegramBaseUrl, value, requestTimeout, maxRetries, initialBackoff, maxBackoff,
                maxPageBytes, maxPagesPerCrawl, userAgent, defaultInterval, threads, unstoredMessagesMax);
    }
}
