package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark launcher lists every benchmark, and each answers --help with its usage and exit 0. */
class BenchHelpTest {
    @Test
    void everyBenchmarkAnswersHelp() {
        BenchRun root = BenchRun.of("--help");
        assertEquals(0, root.code(), root.err());
        for (String name : List.of("ingest", "images", "tagging", "watch", "accounts", "load", "audit", "ocr")) {
            assertTrue(root.out().contains("  " + name + " "), "listed: " + name + "\n" + root.out());
            BenchRun run = BenchRun.of(name, "--help");
            assertEquals(0, run.code(), name + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: roomwatch-bench " + name), run.out());
        }
    }
}
