package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

/**
 * The load benchmark, small: 32 investigators searching through the real API while two rooms are crawled. It must
 * finish with no error; its numbers are printed, not judged here (speed is for the benchmark's own runs).
 */
@ExtendWith(ElasticsearchExtension.class)
class LoadBenchTest {
    @Test
    void thirtyTwoInvestigatorsSearchDuringIngestWithoutAnError(TestNode node) {
        PrintStream real = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BenchRun run;
        try {
            run = BenchRun.of("load", "--searchers", "32", "--requests", "5", "--rooms", "2", "--posts", "400",
                    "--es-url", node.url().toString());
        } finally {
            System.setOut(real);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, run.code(), out + run.err());
        String row = out.lines().filter(l -> l.startsWith("|        32 |")).findFirst().orElseThrow(() -> new AssertionError(out));
        String[] cells = row.split("\\|");
        assertEquals("160", cells[2].trim(), "every search answered: " + row);
        assertEquals("0", cells[3].trim(), "no errors: " + row);
    }

    @Test
    void nonsenseParametersAreRefused() {
        BenchRun run = BenchRun.of("load", "--searchers", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("must each be at least 1"), run.err());
    }

    @Test
    void percentilesAreTakenFromTheSortedLatencies() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        assertEquals(50.0, LoadBench.pct(ms, 50));
        assertEquals(95.0, LoadBench.pct(ms, 95));
        assertEquals(100.0, LoadBench.pct(ms, 100));
        assertEquals(0.0, LoadBench.pct(new long[0], 95));
    }
}
