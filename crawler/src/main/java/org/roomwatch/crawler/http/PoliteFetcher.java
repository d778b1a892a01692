package org.roomwatch.crawler.http;

import org.roomwatch.core.ops.Meters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.roomwatch.core.config.CrawlerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pages politely: a per-host request rate, 429 answered by waiting as long as Retry-After says, 5xx and
 * timeouts retried with exponential backoff, pages over the size cap refused. Redirects are returned, not followed,
 * because a redirect is itself information (a hidden preview redirects /s/NAME to /NAME).
 */
public final class PoliteFetcher {
    private static final Logger log = LoggerFactory.getLogger(PoliteFetcher.class);

    private final HttpClient http;
    private final CrawlerConfig config;
    private final HostRateLimiter limiter;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * The slowest a body may arrive, on average, before it is given up: the request timeout covers the wait for the
     * headers only, and a server that sends a few bytes and then nothing (or trickles a "video" forever) would hold a
     * crawl thread for good. A body gets the request timeout plus its cap at this rate (a 200 MB video: 13 minutes).
     */
    static final long MIN_BODY_BYTES_PER_SECOND = 256 * 1024;
    /** Closes a body's stream at its deadline, which ends the read that waits on it. */
    private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fetch-body-deadlines");
                t.setDaemon(true);
                return t;
            });

    public PoliteFetcher(CrawlerConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.limiter = new HostRateLimiter(config.requestsPerSecondPerHost(), System::nanoTime, sleeper);
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.requestTimeout())
                .build();
    }

    public FetchResponse get(URI uri) throws FetchException, InterruptedException {
        return get(uri, config.maxPageBytes(), "crawler.maxPageBytes");
    }

    /**
     * Like {@link #get(URI)} with another size cap (media have their own). The body is read into memory and never
     * past {@code maxBytes + 1} bytes; nothing is written anywhere.
     */
    public FetchResponse get(URI uri, long maxBytes, String capName) throws FetchException, InterruptedException {
        try {
            return fetch(uri, maxBytes, capName);
        } catch (FetchException e) {
            Meters.fetchError(String.valueOf(uri.getHost()));
            throw e;
        }
    }

    private FetchResponse fetch(URI uri, long maxBytes, String capName) throws FetchException, InterruptedException {
        String host = uri.getHost() + ":" + uri.getPort();
        Duration backoff = config.initialBackoff();
        int attempt = 0;
        while (true) {
            attempt++;
            limiter.acquire(host);
            FetchResponse response;
            try {
                response = once(uri, maxBytes, capName);
            } catch (HttpTimeoutException e) {
                if (attempt > config.maxRetries()) {
                    throw new FetchException("timed out fetching " + uri + " after " + attempt + " attempts", 0, true, e);
                }
                log.info("Timeout fetching {}; retry {} of {} in {}", uri, attempt, config.maxRetries(), backoff);
                sleeper.sleep(backoff);
                backoff = next(backoff);
                continue;
            } catch (IOException e) {
                if (attempt > config.maxRetries()) {
                    throw new FetchException("could not fetch " + uri + ": " + e.getMessage(), 0, true, e);
                }
                log.info("Error fetching {} ({}); retry {} of {} in {}", uri, e.toString(), attempt, config.maxRetries(), backoff);
                sleeper.sleep(backoff);
                backoff = next(backoff);
                continue;
            }
            int status = response.status();
            if (status == 429) {
                Duration wait = retryAfter(response).orElse(backoff);
                if (attempt > config.maxRetries()) {
                    throw new FetchException(uri + " kept answering 429 Too Many Requests", 429, true);
                }
                log.info("{} answered 429; waiting {} as asked", uri, wait);
                Meters.rateLimitWait(String.valueOf(uri.getHost()), wait);
                limiter.pause(host, wait);
                backoff = next(backoff);
                continue;
            }
            if (status >= 500) {
                if (attempt > config.maxRetries()) {
                    throw new FetchException(uri + " answered HTTP " + status + " " + attempt + " times", status, true);
                }
                log.info("{} answered {}; retry {} of {} in {}", uri, status, attempt, config.maxRetries(), backoff);
                sleeper.sleep(backoff);
                backoff = next(backoff);
                continue;
            }
            if (status >= 400) {
                throw new FetchException(uri + " answered HTTP " + status + (status == 404 ? " (no such page)" : ""),
                        status, false);
            }
            return response;
        }
    }

    private FetchResponse once(URI uri, long maxBytes, String capName) throws IOException, FetchException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept-Language", "ko,en;q=0.8")
                .GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        Duration allowed = bodyDeadline(maxBytes);
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        try (InputStream in = response.body()) {
            java.util.concurrent.ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                expired.set(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all that was wanted; the read below fails either way
                }
            }, allowed.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            } catch (IOException e) {
                if (expired.get()) {
                    throw new FetchException(uri + " did not finish arriving within " + allowed.toSeconds() + " s (the request timeout"
                            + " plus " + capName + " at " + MIN_BODY_BYTES_PER_SECOND / 1024 + " KB/s); it was given up", response.statusCode(), false);
                }
                throw e;
            } finally {
                deadline.cancel(false);
            }
            if (expired.get()) {
                throw new FetchException(uri + " did not finish arriving within " + allowed.toSeconds() + " s; it was given up",
                        response.statusCode(), false);
            }
        }
        if (body.length > maxBytes) {
            throw new FetchException(uri + " is larger than " + capName + " (" + maxBytes
                    + " bytes); it was refused", response.statusCode(), false);
        }
        return new FetchResponse(uri, response.statusCode(), response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null), body);
    }

    Duration bodyDeadline(long maxBytes) {
        return config.requestTimeout().plusMillis(Math.max(0, maxBytes) * 1000 / MIN_BODY_BYTES_PER_SECOND);
    }

    private java.util.Optional<Duration> retryAfter(FetchResponse response) {
        return java.util.Optional.ofNullable(parseRetryAfter(response.retryAfter(), clock.instant()));
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    /** Retry-After is either seconds or an HTTP date. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
