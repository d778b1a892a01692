package org.roomwatch.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Regular files under a directory changed since a time, for tests that prove nothing was written. The tree is live
 * (an Elasticsearch node writes and deletes temporary files in it), so files and folders that vanish mid-walk are
 * passed over instead of failing the walk.
 */
public final class FilesChanged {
    private FilesChanged() {}

    public static List<Path> since(Path root, FileTime since) {
        List<Path> changed = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.lastModifiedTime().compareTo(since) >= 0) {
                        changed.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("could not walk " + root + ": " + e.getMessage(), e);
        }
        return changed;
    }
}
