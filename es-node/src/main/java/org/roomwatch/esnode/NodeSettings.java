package org.roomwatch.esnode;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a managed node.
 *
 * @param workDir       where the distribution is unpacked and nodes keep their config, data and logs
 * @param dataDir       the node's data directory; null for a throwaway node whose data is deleted on stop
 * @param heapMegabytes JVM heap of the node
 * @param runAsUser     the unprivileged account used when this process runs as root (Elasticsearch refuses root)
 * @param javaHome      the JDK that runs the node
 * @param startTimeout  how long to wait for the node to answer cluster health
 * @param httpPort      the HTTP port; 0 picks a free one (a node restarted on its data keeps its port this way)
 */
public record NodeSettings(Path workDir, Path dataDir, int heapMegabytes, String runAsUser, Path javaHome,
                           Duration startTimeout, int httpPort) {

    public NodeSettings(Path workDir, Path dataDir, int heapMegabytes, String runAsUser, Path javaHome, Duration startTimeout) {
        this(workDir, dataDir, heapMegabytes, runAsUser, javaHome, startTimeout, 0);
    }

    public NodeSettings {
        if (workDir == null) {
            throw new IllegalArgumentException("workDir is required");
        }
        if (heapMegabytes < 128) {
            throw new IllegalArgumentException("heapMegabytes must be at least 128, got " + heapMegabytes);
        }
        if (runAsUser == null || runAsUser.isBlank()) {
            runAsUser = "nobody";
        }
        if (javaHome == null) {
            javaHome = Path.of(System.getProperty("java.home"));
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be 0 (any free port) or a port number, got " + httpPort);
        }
        if (startTimeout == null) {
            startTimeout = Duration.ofMinutes(2);
        }
    }

    /** A throwaway node under the system temporary directory, as the tests use. */
    public static NodeSettings throwaway() {
        return new NodeSettings(defaultWorkDir(), null, 512, "nobody", null, null);
    }

    /**
     * The shared work directory lives under /tmp because the unprivileged account must be able to reach it, and
     * a checkout under /root is not reachable by anyone else.
     */
    public static Path defaultWorkDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "roomwatch-elasticsearch");
    }
}
