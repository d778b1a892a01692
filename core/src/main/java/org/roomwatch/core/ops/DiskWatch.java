package org.roomwatch.core.ops;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the disk of the local data directory every few seconds, whether or not anything is crawling or anyone
 * asks for readiness: logs one ERROR when it becomes full and one INFO when space is back, and keeps the free-space
 * gauge current. The embedded database dies on its first failed write, and the scheduler with it, so this line may
 * be the only one that names the cause.
 */
public final class DiskWatch {
    private static final Logger log = LoggerFactory.getLogger(DiskWatch.class);

    private final DiskSpace disk;
    private boolean full;

    /** Looks at once, then every {@code period} on {@code periodic}. */
    public DiskWatch(DiskSpace disk, Periodic periodic, Duration period) {
        this.disk = disk;
        periodic.every("looking at the data disk", Duration.ZERO, period, this::look);
    }

    private synchronized void look() {
        Optional<String> problem = disk.problem();
        if (problem.isPresent() && !full) {
            full = true;
            log.error("{}; crawls stop until there is space (free some, then restart if the database reports itself closed)", problem.get());
        } else if (problem.isEmpty() && full) {
            full = false;
            log.info("The disk of the data directory {} has space again", disk.directory());
        }
    }
}
