package org.roomwatch.media.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** OCR's workers run at nice 19 (Linux ignores Java's priorities), and only the thread that asks is lowered. */
class IdlePriorityTest {
    /** The calling thread's nice value, from /proc (field 19 of its stat line, counted after the command's closing parenthesis). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void theCallingThreadAloneDropsToNice19() throws Exception {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return; // nice values per thread are Linux's; elsewhere lower() answers false and changes nothing
        }
        int before = niceOfThisThread();
        List<Integer> lowered = CompletableFuture.supplyAsync(() -> {
            try {
                boolean done = IdlePriority.lower();
                return List.of(done ? 1 : 0, niceOfThisThread());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task).start()).get();
        assertEquals(List.of(1, 19), lowered, "lowered, to 19");
        assertEquals(before, niceOfThisThread(), "the test's own thread is left as it was");
        assertTrue(before < 19);
    }
}
