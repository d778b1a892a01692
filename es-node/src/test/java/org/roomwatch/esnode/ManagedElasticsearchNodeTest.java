package org.roomwatch.esnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedElasticsearchNodeTest {

    @Test
    void nodeStartsWithKoreanPluginAndStopsWithEveryChildProcess() throws Exception {
        ManagedElasticsearchNode node = ManagedElasticsearchNode.start(ElasticsearchDistribution.locate(), NodeSettings.throwaway());
        List<ProcessHandle> processes;
        try {
            HttpClient http = HttpClient.newHttpClient();
            String plugins = http.send(HttpRequest.newBuilder(node.url().resolve("/_cat/plugins?h=component")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(plugins.contains("roomwatch-korean-analysis"), plugins);
            HttpResponse<String> analyzed = http.send(HttpRequest.newBuilder(node.url().resolve("/_analyze"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"analyzer\":\"roomwatch_korean\",\"text\":\"서울중학교\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, analyzed.statusCode(), analyzed.body());
            assertTrue(analyzed.body().contains("\"중학교\""), analyzed.body());
            processes = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(node.url().getPort() + ""))
                    .toList();
            assertFalse(processes.isEmpty(), "the node's processes should be visible");
        } finally {
            node.close();
        }
        assertFalse(node.isAlive());
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), "left running: " + process.info().commandLine().orElse("?"));
        }
    }

    @Test
    void missingDistributionIsAClearError(@TempDir Path dir) throws Exception {
        Path plugin = Files.createFile(dir.resolve("plugin.zip"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ElasticsearchDistribution(dir.resolve("nope.zip"), plugin));
        assertTrue(e.getMessage().contains("nope.zip"), e.getMessage());
    }

    @Test
    void tooSmallHeapIsRejected(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> new NodeSettings(dir, null, 64, null, null, null));
        assertTrue(e.getMessage().contains("heapMegabytes"), e.getMessage());
    }
}
