package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What users get wrong when starting the OCR benchmark: refused with the option named, before anything starts. */
class OcrBenchTest {
    @Test
    void countsBelowOneAndAShareOutsideZeroToOneAreRefusedNamingTheOption() {
        for (String[] args : new String[][] {{"-n", "0"}, {"--messages", "0"}, {"--rounds", "-1"}}) {
            BenchRun run = BenchRun.of("ocr", args[0], args[1]);
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(args[0] + " must be at least 1, got " + args[1]), run.err());
        }
        BenchRun share = BenchRun.of("ocr", "--text-share", "1.5");
        assertEquals(2, share.code(), share.err());
        assertTrue(share.err().contains("--text-share must be within 0..1, got 1.5"), share.err());
    }
}
