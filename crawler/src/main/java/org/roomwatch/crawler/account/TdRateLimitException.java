package org.roomwatch.crawler.account;

import java.time.Duration;

/** TDLib's {@code 429 Too Many Requests: retry after N}: the account must not ask again for {@link #retryAfter()}. */
public final class TdRateLimitException extends TdException {
    private final Duration retryAfter;

    TdRateLimitException(int code, String message, Duration retryAfter) {
        super(code, message, Kind.RATE_LIMITED);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
