package org.roomwatch.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.roomwatch.core.Message;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.ElasticsearchConfig;
import org.roomwatch.crawler.telegram.PublicChannelParser;
import org.roomwatch.esnode.ElasticsearchDistribution;
import org.roomwatch.esnode.ManagedElasticsearchNode;
import org.roomwatch.esnode.NodeSettings;
import org.roomwatch.indexer.BulkMessageWriter;
import org.roomwatch.indexer.ElasticsearchClients;
import org.roomwatch.indexer.IndexManager;
import org.roomwatch.indexer.IndexNames;
import org.roomwatch.indexer.MessageEnricher;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticRooms;
import org.roomwatch.simulator.TelegramSite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest benchmark: N synthetic posts rendered as t.me/s pages go through the whole pipeline (parse, enrich, bulk);
 * in the same run the same final documents are bulk-indexed directly. Prints both rates and their ratio.
 */
@Command(name = "bench", description = "Benchmark the ingest pipeline against raw bulk indexing; prints a table.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "-n", defaultValue = "20000", description = "messages; default ${DEFAULT-VALUE}") int count;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;

    @Override
    public Integer call() throws Exception {
        ElasticsearchConfig es = new ConfigLoader().defaults().elasticsearch();
        ManagedElasticsearchNode node = null;
        java.net.URI url;
        if (esUrl == null) {
            node = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), NodeSettings.throwaway());
            url = node.url();
        } else {
            url = java.net.URI.create(esUrl);
        }
        try {
            ElasticsearchClient client = ElasticsearchClients.create(url, Duration.ofMinutes(5));
            SimRoom room = new SimRoom("bench_room", "벤치 방", "벤치마크", true, 1000, true);
            Random random = new Random(1);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 1; i <= count; i++) {
                room.add(SyntheticRooms.nextPost(room, random, t.plusSeconds(i)));
            }
            List<String> pages = new ArrayList<>();
            for (long before = 0; ; ) {
                String html = TelegramSite.renderChannelPage("https://t.me", room, before);
                pages.add(html);
                long lowest = room.page(before, TelegramSite.PAGE_SIZE).get(0).id();
                if (lowest <= 1) break;
                before = lowest;
            }
            String run = "bench-" + System.currentTimeMillis() + "-";
            IndexNames pipelineIndex = new IndexNames(run + "pipeline-");
            IndexNames rawIndex = new IndexNames(run + "raw-");
            new IndexManager(client, pipelineIndex).ensureAll();
            new IndexManager(client, rawIndex).ensureAll();
            PublicChannelParser parser = new PublicChannelParser();

            // Warm-up of parser and client on a few pages, not counted.
            parser.parse(pages.get(0), "bench_room", "https://t.me/s/bench_room", t);

            long pipelineStart = System.nanoTime();
            List<BulkMessageWriter.Prepared> finalDocs = new ArrayList<>(count);
            try (BulkMessageWriter writer = new BulkMessageWriter(client, pipelineIndex, new MessageEnricher(), es)) {
                for (int i = 0; i < pages.size(); i += 25) {
                    List<Message> batch = new ArrayList<>();
                    for (String html : pages.subList(i, Math.min(pages.size(), i + 25))) {
                        batch.addAll(parser.parse(html, "bench_room", "https://t.me/s/bench_room", t).posts());
                    }
                    List<BulkMessageWriter.Prepared> prepared = writer.prepare(batch);
                    finalDocs.addAll(prepared);
                    writer.writePrepared(prepared);
                }
            }
            double pipelineSeconds = (System.nanoTime() - pipelineStart) / 1e9;

            long rawStart = System.nanoTime();
            try (BulkMessageWriter writer = new BulkMessageWriter(client, rawIndex, new MessageEnricher(), es)) {
                for (int i = 0; i < finalDocs.size(); i += 500) {
                    writer.writePrepared(finalDocs.subList(i, Math.min(finalDocs.size(), i + 500)));
                }
            }
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            double pipelineRate = finalDocs.size() / pipelineSeconds;
            double rawRate = finalDocs.size() / rawSeconds;
            System.out.printf("%n| path                         | messages | seconds | messages/s |%n");
            System.out.printf("|------------------------------|---------:|--------:|-----------:|%n");
            System.out.printf("| pipeline (parse+enrich+bulk) | %8d | %7.2f | %10.0f |%n", finalDocs.size(), pipelineSeconds, pipelineRate);
            System.out.printf("| raw bulk (same documents)    | %8d | %7.2f | %10.0f |%n", finalDocs.size(), rawSeconds, rawRate);
            System.out.printf("%npipeline / raw = %.2f (target >= 0.80)%n", pipelineRate / rawRate);
            for (IndexNames names : List.of(pipelineIndex, rawIndex)) {
                client.indices().delete(d -> d.index(List.of(names.messages(), names.messageVersions(), names.rooms(), names.roomVersions())));
            }
            return 0;
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }
}
