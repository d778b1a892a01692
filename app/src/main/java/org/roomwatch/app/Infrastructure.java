package org.roomwatch.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.Optional;
import org.roomwatch.api.OpsRoutes;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.ops.DiskSpace;
import org.roomwatch.core.ops.DiskWatch;
import org.roomwatch.core.ops.Periodic;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.roomwatch.esnode.ManagedElasticsearchNode;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;

/**
 * What every role of a process shares: Elasticsearch (configured, or a managed node) with its indices, the
 * control-plane database, metrics and readiness checks, the disk watch, and the one pool for periodic work. Each
 * part is pushed on {@code closeables} as it starts, so the process closes them in reverse.
 */
record Infrastructure(URI elasticsearchUrl, ElasticsearchClient client, ElasticsearchClient searchClient, IndexNames names,
                      ControlPlaneDatabase db, Optional<DiskSpace> disk, Periodic periodic) {
    /**
     * Connections the officers' side may hold at once: enough for every request a busy unit has in flight, so a
     * search waits in the node's queue, not in ours.
     */
    static final int SEARCH_CONNECTIONS = 64;


    static Infrastructure start(RoomwatchConfig config, OpsRoutes ops, Deque<AutoCloseable> closeables) {
        // Four threads: a long retention sweep and a slow page fetch must not hold up mail and rule refreshes.
        Periodic periodic = new Periodic("roomwatch-periodic", 4);
        closeables.push(periodic);
        var es = config.elasticsearch();
        URI url;
        if (es.isManaged()) {
            var managed = es.managed();
            NodeSettings settings = new NodeSettings(
                    managed.workDir().isEmpty() ? NodeSettings.defaultWorkDir() : Path.of(managed.workDir()),
                    managed.dataDir().isEmpty() ? null : Path.of(managed.dataDir()),
                    managed.heapMegabytes(), managed.runAsUser(), null, null);
            ManagedElasticsearchNode node = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), settings);
            closeables.push(node);
            url = node.url();
        } else {
            url = URI.create(es.url());
        }
        ElasticsearchClient client = ElasticsearchClients.create(url, es.socketTimeout());
        closeables.push(() -> client._transport().close());
        // The officers' searches get connections of their own: sharing one pool, 32 searches in flight held every
        // connection and the crawlers' bulk writes queued behind them (bench-load: ingest fell to an eighth).
        ElasticsearchClient searchClient = ElasticsearchClients.create(url, es.socketTimeout(), SEARCH_CONNECTIONS);
        closeables.push(() -> searchClient._transport().close());
        IndexNames names = new IndexNames(es.indexPrefix());
        new IndexManager(client, names).ensureAll();
        ControlPlaneDatabase db = ControlPlaneDatabase.open(config.database());
        closeables.push(db);
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.addRegistry(prometheus);
        closeables.push(() -> Metrics.removeRegistry(prometheus));
        Optional<DiskSpace> disk = config.database().localDirectory()
                .map(dir -> new DiskSpace(dir, config.database().minFreeDiskMegabytes() * 1_048_576L));
        Infrastructure infra = new Infrastructure(url, client, searchClient, names, db, disk, periodic);
        ops.metrics(prometheus::scrape)
                .check("elasticsearch", infra::elasticsearchHealthy)
                .check("database", () -> db.isReachable(Duration.ofSeconds(2)));
        disk.ifPresent(d -> {
            ops.problem("disk", d::problem);
            // A lane of its own: when the disk fills, the database dies and the other periodic work blocks on it, and
            // this watch's ERROR line may be the only one that names the cause.
            Periodic diskLane = new Periodic("data-disk-watch", 1);
            closeables.push(diskLane);
            new DiskWatch(d, diskLane, Duration.ofSeconds(5));
        });
        return infra;
    }

    /** Whether the cluster answers its health (readiness); never throws. */
    boolean elasticsearchHealthy() {
        try {
            return !client.cluster().health().timedOut();
        } catch (Exception e) {
            return false;
        }
    }
}
