package org.roomwatch.esnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch started from the distribution zip, on free loopback ports, with the Korean
 * plugin installed. When this JVM runs as root the node runs as an unprivileged account, because Elasticsearch
 * refuses root. Closing the node stops it and every process it started.
 */
public final class ManagedElasticsearchNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagedElasticsearchNode.class);

    private final Process process;
    private final Path instanceDir;
    private final boolean throwaway;
    private final URI url;
    private final Thread shutdownHook;

    private ManagedElasticsearchNode(Process process, Path instanceDir, boolean throwaway, URI url) {
        this.process = process;
        this.instanceDir = instanceDir;
        this.throwaway = throwaway;
        this.url = url;
        this.shutdownHook = new Thread(this::stopQuietly, "elasticsearch-node-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The node's HTTP address, e.g. http://127.0.0.1:40123. */
    public URI url() {
        return url;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Unpacks (once), starts a node and waits until it answers cluster health. */
    public static ManagedElasticsearchNode start(ElasticsearchDistribution distribution, NodeSettings settings) {
        try {
            Path home = DistributionInstaller.install(distribution, settings.workDir());
            StaleNodes.reap(settings.workDir().resolve("instances"));
            Path instance = settings.workDir().resolve("instances").resolve(UUID.randomUUID().toString());
            Path config = instance.resolve("config");
            Path logs = instance.resolve("logs");
            Path tmp = instance.resolve("tmp");
            Path data = settings.dataDir() != null ? settings.dataDir().toAbsolutePath() : instance.resolve("data");
            for (Path dir : List.of(config, logs, tmp, data)) {
                Files.createDirectories(dir);
            }
            try (Stream<Path> files = Files.list(home.resolve("config"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, config.resolve(file.getFileName()));
                }
            }
            Files.createDirectories(config.resolve("jvm.options.d"));
            Files.writeString(StaleNodes.ownerFile(instance), Long.toString(ProcessHandle.current().pid()));

            boolean asRoot = "root".equals(System.getProperty("user.name"));
            if (asRoot) {
                FileTree.chown(instance, settings.runAsUser());
                if (settings.dataDir() != null) {
                    FileTree.chown(data, settings.runAsUser());
                }
            }
            int httpPort = settings.httpPort() != 0 ? settings.httpPort() : freePort();
            int transportPort = freePort();
            List<String> command = new ArrayList<>();
            if (asRoot) {
                command.addAll(List.of("setpriv", "--reuid=" + settings.runAsUser(), "--regid=" + groupOf(settings.runAsUser()),
                        "--clear-groups", "--"));
            }
            command.add(home.resolve("bin").resolve("elasticsearch").toString());
            command.addAll(List.of(
                    "-Ediscovery.type=single-node",
                    "-Expack.security.enabled=false",
                    "-Enetwork.host=127.0.0.1",
                    "-Ehttp.port=" + httpPort,
                    "-Etransport.port=" + transportPort,
                    // Kept data belongs to its cluster's name: a restart on the same data directory must use it again.
                    "-Ecluster.name=roomwatch-" + (settings.dataDir() != null
                            ? Integer.toHexString(data.toString().hashCode()) : instance.getFileName().toString().substring(0, 8)),
                    "-Enode.name=roomwatch-managed",
                    "-Epath.data=" + data,
                    "-Epath.logs=" + logs,
                    // A nearly full build disk must not turn every index read-only in the middle of a test run.
                    "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                    "-Eaction.destructive_requires_name=false"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(logs.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve("console.log").toFile());
            builder.environment().put("ES_JAVA_HOME", settings.javaHome().toString());
            builder.environment().put("ES_PATH_CONF", config.toString());
            builder.environment().put("ES_TMPDIR", tmp.toString());
            builder.environment().put("ES_JAVA_OPTS", "-Xms" + settings.heapMegabytes() + "m -Xmx" + settings.heapMegabytes() + "m");
            builder.environment().put("HOME", instance.toString());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            log.info("Starting Elasticsearch {} on 127.0.0.1:{} ({}{})", ElasticsearchDistribution.VERSION, httpPort,
                    instance, asRoot ? ", as " + settings.runAsUser() : "");
            Process process = builder.start();
            Files.writeString(StaleNodes.nodeFile(instance), Long.toString(process.pid()));
            URI url = URI.create("http://127.0.0.1:" + httpPort);
            ManagedElasticsearchNode node = new ManagedElasticsearchNode(process, instance, settings.dataDir() == null, url);
            node.awaitHealthy(settings.startTimeout(), logs.resolve("console.log"));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the managed Elasticsearch node: " + e.getMessage(), e);
        }
    }

    private void awaitHealthy(Duration timeout, Path console) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        Instant started = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String tail = ConsoleTail.read(console, 40);
                close();
                throw new IllegalStateException("Elasticsearch exited during start-up with code " + process.exitValue()
                        + ". Its last lines:\n" + tail);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    log.info("Elasticsearch is up at {} after {} ms", url, Duration.between(started, Instant.now()).toMillis());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch");
            }
            sleep(250);
        }
        String tail = ConsoleTail.read(console, 40);
        close();
        throw new IllegalStateException("Elasticsearch did not answer cluster health within " + timeout + ". Its last lines:\n" + tail);
    }

    /** Stops the node and everything it started; deletes a throwaway node's files. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private synchronized void stopQuietly() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        // The launcher forwards a TERM to the server; terminating the server too makes sure nothing outlives us.
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        if (throwaway) {
            try {
                FileTree.deleteRecursively(instanceDir);
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", instanceDir, e.toString());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String groupOf(String user) throws IOException {
        Process id = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes()).trim();
        try {
            if (id.waitFor() != 0) {
                throw new IOException("no such user to run Elasticsearch as: " + user);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
