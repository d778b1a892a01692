package org.roomwatch.esnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes whose owning JVM died without stopping them (kill -9, a crashed test run). Each instance records its
 * owner's pid and the node's pid; a node whose owner is gone is stopped and its throwaway files removed.
 */
final class StaleNodes {
    private static final Logger log = LoggerFactory.getLogger(StaleNodes.class);

    private StaleNodes() {}

    static Path ownerFile(Path instance) {
        return instance.resolve("owner.pid");
    }

    static Path nodeFile(Path instance) {
        return instance.resolve("node.pid");
    }

    static void reap(Path instances) {
        if (!Files.isDirectory(instances)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(instances)) {
            for (Path instance : dirs.toList()) {
                Optional<ProcessHandle> owner = pid(ownerFile(instance)).flatMap(ProcessHandle::of);
                if (owner.isPresent()) {
                    continue;
                }
                pid(nodeFile(instance)).flatMap(ProcessHandle::of).ifPresent(node -> {
                    log.warn("Stopping an Elasticsearch node left behind by a dead process: {}", instance);
                    node.descendants().forEach(ProcessHandle::destroyForcibly);
                    node.destroyForcibly();
                });
                // A persistent node keeps its data outside the instance directory, so this loses nothing.
                FileTree.deleteRecursively(instance);
            }
        } catch (IOException e) {
            log.warn("Could not clean up stale Elasticsearch instances in {}: {}", instances, e.toString());
        }
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
