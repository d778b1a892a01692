package org.roomwatch.core.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Free space on the disk holding a data directory, against a minimum: below it the disk is reported full (in
 * readiness and in the outcome of a crawl whose store failed), before or when the writes there start failing with
 * "no space left on device", which the database reports only as a closed or broken store.
 */
public record DiskSpace(Path directory, long minFreeBytes) {
    public DiskSpace {
        directory = directory.toAbsolutePath().normalize();
    }

    /** Free bytes on the directory's disk (of its nearest existing parent while it does not exist yet). */
    public long freeBytes() throws IOException {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("the data directory " + directory + " has no existing parent");
        }
        return Files.getFileStore(existing).getUsableSpace();
    }

    /** Empty when there is room; else why the data directory counts as full. */
    public Optional<String> problem() {
        try {
            long free = freeBytes();
            Meters.dataDiskFree(free);
            if (free < minFreeBytes) {
                return Optional.of("the disk of the data directory " + directory + " is full: " + megabytes(free)
                        + " free, below the minimum of " + megabytes(minFreeBytes) + " (database.minFreeDiskMegabytes)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read the free space of the data directory " + directory + ": " + e.getMessage());
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
