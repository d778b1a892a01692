package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The video benchmark, small: a row per resolution with its frames and the split of decode and PDQ (numbers not
 * judged), and the search over stored videos, whose recall against the brute force must be whole.
 */
class VideoBenchTest {
    @Test
    void aRowPerResolutionWithDecodeAndPdqApart() {
        PrintStream real = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BenchRun run;
        try {
            run = BenchRun.of("videos", "--seconds", "2", "--rounds", "1", "--videos", "400", "--frames", "20", "--queries", "6");
        } finally {
            System.setOut(real);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, run.code(), out + run.err());
        for (String clip : new String[] {"480p H.264", "720p H.264", "1080p H.264"}) {
            String row = out.lines().filter(l -> l.startsWith("| " + clip)).findFirst().orElseThrow(() -> new AssertionError(out));
            String[] cells = row.split("\\|");
            assertEquals("2", cells[2].trim(), row);
            assertEquals("2", cells[3].trim(), "one frame a second is hashed: " + row);
            assertTrue(Double.parseDouble(cells[8].trim()) > 0, "PDQ takes some time: " + row);
        }
        for (String kind : new String[] {"re-encoded copies", "quarter-length pieces", "unrelated clips"}) {
            String row = out.lines().filter(l -> l.startsWith("| " + kind)).findFirst().orElseThrow(() -> new AssertionError(out));
            String[] cells = row.split("\\|");
            assertEquals("6", cells[2].trim(), row);
            assertEquals("1.0000", cells[3].trim(), "every match the brute force finds is found: " + row);
            assertEquals("0", cells[4].trim(), "and nothing else: " + row);
            if (!kind.equals("unrelated clips")) {
                assertTrue(Integer.parseInt(cells[5].trim()) >= 6, "each copy finds at least its original: " + row);
            }
        }
    }

    @Test
    void nonsenseParametersAreRefused() {
        BenchRun run = BenchRun.of("videos", "--seconds", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--seconds and --rounds must each be at least 1"), run.err());
        BenchRun few = BenchRun.of("videos", "--videos", "3");
        assertEquals(2, few.code());
        assertTrue(few.err().contains("--videos must be at least 20"), few.err());
    }
}
