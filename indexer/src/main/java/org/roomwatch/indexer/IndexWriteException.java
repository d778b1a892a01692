package org.roomwatch.indexer;

/** Writes were not acknowledged by Elasticsearch; the caller must not advance its cursor. */
public class IndexWriteException extends RuntimeException {
    public IndexWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
