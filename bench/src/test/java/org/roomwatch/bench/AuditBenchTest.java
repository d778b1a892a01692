package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What users get wrong when starting the audit benchmark, and one small real run. */
class AuditBenchTest {
    @Test
    void countsBelowOneAreRefusedNamingTheOption() {
        for (String[] args : new String[][] {{"-n", "0"}, {"--writers", "0"}, {"--writers", "8,-1"}}) {
            BenchRun run = BenchRun.of("audit", args[0], args[1]);
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(args[0] + " must be at least 1, got " + args[1].replace("8,", "")), run.err());
        }
        BenchRun notANumber = BenchRun.of("audit", "--writers", "many");
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("--writers"), notANumber.err());
    }

    @Test
    void aSmallRunPrintsARowPerWriterCountAndAWholeChain() {
        // The benchmarks print their tables on standard output, as a person runs them.
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        BenchRun run;
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            run = BenchRun.of("audit", "-n", "200", "--writers", "1,4");
        } finally {
            System.setOut(console);
        }
        String table = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, run.code(), run.err());
        assertTrue(table.contains("|       1 |") && table.contains("|       4 |"), table);
        assertTrue(table.contains("chain verified: whole (900 entries)"), table);
    }
}
