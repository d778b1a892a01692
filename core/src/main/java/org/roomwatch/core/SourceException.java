package org.roomwatch.core;

/** A crawl could not be completed; the message says what went wrong and the cursor stays where it was. */
public class SourceException extends Exception {
    private final boolean retryable;

    public SourceException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public SourceException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
