package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The spread benchmark, small: the case's spread through the API counts every posting and room; times not judged. */
class SpreadBenchTest {
    @Test
    void theSpreadAndTheReportAreTimedWithTheirCounts() {
        PrintStream real = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BenchRun run;
        // The report is timed only where its Korean font is installed (fonts-nanum; .ci/run installs it).
        boolean withReport = java.nio.file.Files.isReadable(java.nio.file.Path.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"));
        try {
            run = withReport
                    ? BenchRun.of("spread", "--messages", "300", "--rooms", "30", "--rounds", "1", "--report")
                    : BenchRun.of("spread", "--messages", "300", "--rooms", "30", "--rounds", "1");
        } finally {
            System.setOut(real);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, run.code(), out + run.err());
        for (String request : new String[] {"GET /api/cases/{n}/spread", "GET /api/cases/{n}/report (PDF)"}) {
            if (request.contains("report") && !withReport) {
                continue; // no font here: the report was not asked for
            }
            String row = out.lines().filter(l -> l.startsWith("| " + request)).findFirst().orElseThrow(() -> new AssertionError(out));
            String[] cells = row.split("\\|");
            assertEquals("300", cells[2].trim(), row);
            assertEquals("30", cells[3].trim(), row);
            assertTrue(Double.parseDouble(cells[6].trim()) > 0, row);
        }
    }

    @Test
    void nonsenseParametersAreRefused() {
        BenchRun run = BenchRun.of("spread", "--messages", "10", "--rooms", "20");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--rooms at most --messages"), run.err());
    }
}
