package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU ledger of a load run's parts, on this machine's /proc. */
class CpuLedgerTest {
    @Test
    void aPoolsThreadsAreOneGroup() {
        assertEquals("qtp#-#", CpuLedger.group("qtp1735600054-47"));
        assertEquals("I/O dispatcher #", CpuLedger.group("I/O dispatcher 12"));
        assertEquals("investigator-#", CpuLedger.group("investigator-3"));
    }

    @Test
    void twoSpansSpendingAddsUpByWhoSpentIt() {
        CpuLedger.Spent first = new CpuLedger.Spent(java.util.Map.of(CpuLedger.NODE, 1.5, CpuLedger.POSTGRES, 0.25), 0.5, 2.5);
        CpuLedger.Spent second = new CpuLedger.Spent(java.util.Map.of(CpuLedger.NODE, 0.5, CpuLedger.JVM_ITSELF, 0.125), 0.25, 1.0);
        CpuLedger.Spent both = first.plus(second);
        assertEquals(java.util.Map.of(CpuLedger.NODE, 2.0, CpuLedger.POSTGRES, 0.25, CpuLedger.JVM_ITSELF, 0.125), both.seconds());
        assertEquals(0.75, both.jvm());
        assertEquals(3.5, both.machineBusy());
    }

    @Test
    void aProcessTimeIsReadPastACommandNameWithSpacesAndParentheses(@TempDir Path dir) throws Exception {
        // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        Path stat = Files.writeString(dir.resolve("stat"), "4242 (odd (name) 2) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 7 8 20 0 9");
        assertEquals(1234 + 56, CpuLedger.processTicks(stat));
    }

    @Test
    void aThreadsTimeCountsInItsGroupAlsoWhenItEndsDuringThePart() throws Exception {
        CpuLedger.Snapshot before = CpuLedger.take();
        assertNotNull(before, "this machine has /proc and thread CPU clocks");
        Thread busy = new Thread(() -> {
            spin(300);
            CpuLedger.threadEnding();
        }, "ledger-busy-1");
        busy.start();
        busy.join();
        CpuLedger.Snapshot after = CpuLedger.take();
        CpuLedger.Spent spent = CpuLedger.between(before, after);
        double counted = spent.seconds().getOrDefault("JVM threads: ledger-busy-#", 0.0);
        assertTrue(counted >= 0.3, "300 ms of spinning by a thread that has ended: " + spent);
        assertTrue(spent.machineBusy() >= counted * 0.9, "the machine was busy at least that long: " + spent);
        assertTrue(spent.seconds().values().stream().allMatch(s -> s >= 0), spent.toString());
    }

    @Test
    void aLiveThreadIsReadWhereItStands() throws Exception {
        CpuLedger.Snapshot before = CpuLedger.take();
        java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread busy = new Thread(() -> {
            spin(300);
            spun.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ledger-live-7");
        busy.start();
        assertTrue(spun.await(30, TimeUnit.SECONDS));
        CpuLedger.Spent spent = CpuLedger.between(before, CpuLedger.take());
        release.countDown();
        busy.join();
        assertTrue(spent.seconds().getOrDefault("JVM threads: ledger-live-#", 0.0) >= 0.3, spent.toString());
    }

    /** Spends {@code millis} of this thread's own CPU time (not wall time: the machine may be busy). */
    private static void spin(long millis) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
