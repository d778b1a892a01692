package org.roomwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Who spent the machine's CPU during a part of a load run, so the report can say where a request's time goes: the
 * Elasticsearch node's processes, PostgreSQL's, the rest of the machine, and this JVM (the API server, the crawlers and
 * the bench's own clients all run in it) by thread pool. Read from Linux's {@code /proc}; elsewhere {@link #take()}
 * answers nothing and the report leaves the table out.
 *
 * <p>A thread's time is read while it lives (the JVM's thread CPU clock); a thread that ends during a part calls
 * {@link #threadEnding()} on its way out, or its time counts only in the JVM's total, as "the JVM itself".
 */
final class CpuLedger {
    /** The unit of /proc's times: USER_HZ, 100 on Linux whatever the kernel's own tick (part of its ABI). */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC = Path.of("/proc");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<String, LongAdder> ENDED = new ConcurrentHashMap<>();

    static final String NODE = "Elasticsearch node (its processes)";
    static final String POSTGRES = "PostgreSQL (its processes)";
    static final String OTHER_PROCESSES = "other processes and the kernel";
    static final String JVM_ITSELF = "this JVM itself (GC, compilers, ended threads)";
    /** Starts the name of each of this JVM's thread groups in {@link Spent#seconds()}. */
    static final String JVM_THREADS = "JVM threads: ";

    private CpuLedger() {}

    /** CPU nanoseconds spent so far: per process kind, and per thread group of this JVM. */
    record Snapshot(long machineBusy, long node, long postgres, long jvm, Map<String, Long> threadGroups) {}

    /** CPU seconds by who spent them, largest first; this JVM's whole; the machine's busy seconds over the same time. */
    record Spent(Map<String, Double> seconds, double jvm, double machineBusy) {
        /** Two spans' spending as one. */
        Spent plus(Spent other) {
            Map<String, Double> both = new LinkedHashMap<>(seconds);
            other.seconds.forEach((who, s) -> both.merge(who, s, Double::sum));
            return new Spent(both, jvm + other.jvm, machineBusy + other.machineBusy);
        }
    }

    /** A thread's pool: its name with every number replaced, so "qtp123-45" and "qtp123-46" are one group. */
    static String group(String threadName) {
        return DIGITS.matcher(threadName).replaceAll("#");
    }

    /** Called by a thread about to end, so that its CPU time still counts in its group. */
    static void threadEnding() {
        long nanos = THREADS.getCurrentThreadCpuTime();
        if (nanos > 0) {
            ENDED.computeIfAbsent(group(Thread.currentThread().getName()), g -> new LongAdder()).add(nanos);
        }
    }

    /** Now's counters, or null where /proc or the JVM's thread clocks are not there to read. */
    static Snapshot take() {
        if (!Files.isReadable(PROC.resolve("stat")) || !THREADS.isThreadCpuTimeSupported()) {
            return null;
        }
        try {
            long node = 0;
            long postgres = 0;
            long self = ProcessHandle.current().pid();
            long jvm = processTicks(PROC.resolve("self").resolve("stat"));
            try (Stream<Path> pids = Files.list(PROC)) {
                for (Path dir : pids.filter(p -> DIGITS.matcher(p.getFileName().toString()).matches()).toList()) {
                    if (Long.parseLong(dir.getFileName().toString()) == self) {
                        continue;
                    }
                    try {
                        String commandLine = Files.readString(dir.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                        String name = Files.readString(dir.resolve("comm"), StandardCharsets.ISO_8859_1).strip();
                        if (commandLine.contains("org.elasticsearch.")) {
                            node += processTicks(dir.resolve("stat"));
                        } else if (name.equals("postgres")) {
                            postgres += processTicks(dir.resolve("stat"));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // The process ended between the listing and the read: its time is no one's now.
                    }
                }
            }
            Map<String, Long> groups = new HashMap<>();
            ENDED.forEach((g, nanos) -> groups.merge(g, nanos.sum(), Long::sum));
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                long nanos = THREADS.getThreadCpuTime(ids[i]);
                if (infos[i] != null && nanos > 0) {
                    groups.merge(group(infos[i].getThreadName()), nanos, Long::sum);
                }
            }
            return new Snapshot(machineBusyTicks() * NANOS_PER_TICK, node * NANOS_PER_TICK, postgres * NANOS_PER_TICK,
                    jvm * NANOS_PER_TICK, groups);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What was spent between two snapshots; the JVM's thread groups that spent under a hundredth of it are summed. */
    static Spent between(Snapshot before, Snapshot after) {
        Map<String, Double> seconds = new HashMap<>();
        double busy = (after.machineBusy() - before.machineBusy()) / 1e9;
        double node = (after.node() - before.node()) / 1e9;
        double postgres = (after.postgres() - before.postgres()) / 1e9;
        double jvm = (after.jvm() - before.jvm()) / 1e9;
        seconds.put(NODE, node);
        seconds.put(POSTGRES, postgres);
        double threads = 0;
        double small = 0;
        for (Map.Entry<String, Long> e : after.threadGroups().entrySet()) {
            // A group absent before started during the part: all its time is the part's.
            double spent = (e.getValue() - before.threadGroups().getOrDefault(e.getKey(), 0L)) / 1e9;
            if (spent <= 0) {
                continue;
            }
            threads += spent;
            if (spent < busy / 100) {
                small += spent;
            } else {
                seconds.put(JVM_THREADS + e.getKey(), spent);
            }
        }
        seconds.put(JVM_THREADS + "the others, each under 1 %", small);
        // The thread clocks and /proc are read at slightly different moments; a negative remainder is that, not time.
        seconds.put(JVM_ITSELF, Math.max(0, jvm - threads));
        seconds.put(OTHER_PROCESSES, Math.max(0, busy - node - postgres - jvm));
        Map<String, Double> ordered = new LinkedHashMap<>();
        seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new Spent(ordered, jvm, busy);
    }

    /** utime + stime of a process (its live and ended threads), in ticks: fields 14 and 15 of its stat line. */
    static long processTicks(Path stat) throws IOException {
        String line = Files.readString(stat, StandardCharsets.ISO_8859_1);
        // The command name, field 2, is in parentheses and may hold spaces: count fields after its closing one.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's busy ticks: every CPU's time but idle and iowait, from the first line of /proc/stat. */
    private static long machineBusyTicks() throws IOException {
        List<String> lines = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.ISO_8859_1);
        String[] f = lines.get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) { // user nice system [idle iowait] irq softirq steal
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }
}
