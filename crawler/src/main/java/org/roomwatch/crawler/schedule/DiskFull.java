package org.roomwatch.crawler.schedule;

import java.util.Optional;

/**
 * Tells a store that failed because a disk is full from other failures, so the crawl says so instead of a
 * database's "store is closed" or an index's block: Elasticsearch past its flood-stage watermark refuses writes with
 * a cluster block; the local data directory is full when its free space is below the minimum or a write said
 * "no space left on device".
 */
final class DiskFull {
    private DiskFull() {}

    static Optional<String> explain(Throwable failure, Optional<String> localDisk) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("flood-stage watermark") || message.contains("disk usage exceeded")) {
                return Optional.of("the disk of Elasticsearch is full (flood-stage watermark): its indices refuse"
                        + " writes until space is freed there");
            }
        }
        if (localDisk.isPresent()) {
            return localDisk;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("No space left on device")) {
                return Optional.of("a disk is full: " + t.getMessage());
            }
        }
        return Optional.empty();
    }
}
