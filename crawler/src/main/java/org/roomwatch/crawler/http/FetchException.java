package org.roomwatch.crawler.http;

import org.roomwatch.core.SourceException;

/** A page could not be fetched; says which URL and why. */
public class FetchException extends SourceException {
    private final int status;

    public FetchException(String message, int status, boolean retryable) {
        super(message, retryable);
        this.status = status;
    }

    public FetchException(String message, int status, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }
}
