package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What users get wrong when starting the ingest benchmark: refused with the option named, before a node starts. */
class IngestBenchTest {

    @Test
    void countsBelowOneAreRefusedNamingTheOption() {
        for (String[] args : new String[][] {{"-n", "0"}, {"--rounds", "0"}, {"--rounds", "-3"}, {"--parse-threads", "0"}}) {
            BenchRun run = BenchRun.of("ingest", args[0], args[1]);
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(args[0] + " must be at least 1, got " + args[1]), run.err());
        }
    }

    @Test
    void aCountThatIsNotANumberIsAUsageError() {
        BenchRun run = BenchRun.of("ingest", "--rounds", "nine");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--rounds"), run.err());
    }

    @Test
    void theMedianOfOddAndEvenCounts() {
        assertEquals(2.0, IngestBench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, IngestBench.median(new double[] {4, 1, 3, 2}));
    }
}
