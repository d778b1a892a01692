package org.roomwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.TestNode;

/**
 * The load benchmark, small: a few thousand pre-loaded messages, investigators running the officers' mix through the
 * real API while two rooms are crawled, the same queries against the engine, and the bad-input run. It must finish
 * with no error and say what it measured in its tables and its last line; its numbers are printed, not judged here
 * (speed is for the benchmark's own runs).
 */
@ExtendWith(ElasticsearchExtension.class)
class LoadBenchTest {
    @Test
    void theMixRunsThroughTheApiAndAgainstTheEngineDuringIngestWithoutAnError(TestNode node) {
        PrintStream real = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BenchRun run;
        try {
            run = BenchRun.of("load", "--messages", "3000", "--preload-rooms", "30", "--searchers", "8", "--requests", "10",
                    "--rooms", "2", "--posts", "400", "--ingest-seconds", "1", "--warmup-seconds", "0", "--bad-input", "--es-url", node.url().toString());
        } finally {
            System.setOut(real);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, run.code(), out + run.err());
        for (String kind : new String[] {"word search", "phrase search", "school/region/date filters", "room page", "image search (PDQ)",
                "alerts inbox", "message search (all three)"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("| " + kind + " ")), "a row for " + kind + ":\n" + out);
        }
        assertEquals("80", cell(out, "| API (HTTP, token, audit, JSON)", 2), "every request of the API run answered");
        assertEquals("80", cell(out, "| engine (same queries, same client)", 2), "the same requests against the engine");
        assertEquals(java.util.List.of("API, first half", "engine, first half", "engine, second half", "API, second half"),
                out.lines().filter(l -> l.matches("\\| (API|engine), (first|second) half .*")).map(l -> l.split("\\|")[1].trim()).toList(),
                "the parts in the order they ran: each way first once and last once");
        assertEquals("40", cell(out, "| API, first half", 2), "half the requests in each part");
        for (String bad : new String[] {"500 words", "10,000 schools", "dates reversed", "page 1,000,000"}) {
            String line = out.lines().filter(l -> l.startsWith("bad request " + bad + " ")).findFirst().orElseThrow(() -> new AssertionError(out));
            assertTrue(line.matches(".*answered \\{(400|414)=\\d+}"), line);
        }
        java.util.List<String> alone = out.lines().dropWhile(l -> !l.startsWith("| each kind alone ")).skip(2).takeWhile(l -> l.startsWith("|")).toList();
        assertEquals(java.util.Arrays.stream(LoadMix.Kind.values()).map(k -> k.label + " " + k.share).toList(),
                alone.stream().map(l -> l.split("\\|")[1].trim() + " " + l.split("\\|")[2].trim()).toList(), "each kind alone, with its share:\n" + out);
        for (String row : alone) {
            String[] cells = row.split("\\|");
            assertTrue(Double.parseDouble(cells[3].trim()) > 0 && Double.parseDouble(cells[4].trim()) > 0, "answered both ways: " + row);
            assertTrue(Double.parseDouble(cells[8].trim()) > 0, "the API's requests cost the machine something: " + row);
        }
        java.util.List<String> pieces = out.lines().dropWhile(l -> !l.startsWith("| one search at a time ")).skip(2).takeWhile(l -> l.startsWith("|")).toList();
        assertEquals(java.util.List.of("word search", "phrase search", "school/region/date filters"),
                pieces.stream().map(l -> l.split("\\|")[1].trim()).toList(), "the message searches' pieces:\n" + out);
        assertEquals("not asked", pieces.get(0).split("\\|")[6].trim(), "word searches ask for no facets, as the search page");
        assertTrue(Double.parseDouble(pieces.get(2).split("\\|")[6].trim()) > 0, "the filtered searches without their facets: " + pieces.get(2));
        double nodeCpu = Double.parseDouble(cell(out, "| " + CpuLedger.NODE, 2));
        double machine = Double.parseDouble(cell(out, "| the whole machine (busy, all cores)", 2));
        assertTrue(nodeCpu > 0 && machine >= nodeCpu, "CPU per request of the first part, the node's within the machine's:\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.matches("ingest alone: CPU ms per message stored: node \\d+\\.\\d\\d, this JVM \\d+\\.\\d\\d, .*")
                        || l.equals("ingest alone: no message was stored in 1 s, so no CPU per message")),
                "what a stored message costs where:\n" + out);
        String last = out.strip().lines().reduce((x, y) -> y).orElseThrow();
        Matcher m = Pattern.compile("api / engine = \\d+\\.\\d\\d \\(target >= 0\\.70\\); message search p95 = \\d+ ms at (\\d+) messages").matcher(last);
        assertTrue(m.matches(), "the last line a script reads: " + last);
        assertTrue(Long.parseLong(m.group(1)) >= 3000, "the pre-loaded messages and the crawled ones: " + last);
    }

    private static String cell(String out, String rowStart, int column) {
        String row = out.lines().filter(l -> l.startsWith(rowStart)).findFirst().orElseThrow(() -> new AssertionError(rowStart + " in\n" + out));
        return row.split("\\|")[column].trim();
    }

    @Test
    void nonsenseParametersAreRefused() {
        BenchRun run = BenchRun.of("load", "--searchers", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--searchers") && run.err().contains("at least 1"), run.err());
        BenchRun warmup = BenchRun.of("load", "--warmup-seconds", "-5");
        assertEquals(2, warmup.code());
        assertTrue(warmup.err().contains("--warmup-seconds must be 0 or more"), warmup.err());
        BenchRun database = BenchRun.of("load", "--database", "oracle");
        assertEquals(2, database.code());
        assertTrue(database.err().contains("--database must be postgres or h2"), database.err());
        BenchRun kinds = BenchRun.of("load", "--kind-requests", "1");
        assertEquals(2, kinds.code());
        assertTrue(kinds.err().contains("--kind-requests at least 2"), kinds.err());
        BenchRun think = BenchRun.of("load", "--think-ms", "-500");
        assertEquals(2, think.code());
        assertTrue(think.err().contains("--think-ms must be 0 or more, got -500"), think.err());
    }

    @Test
    void investigatorsWhoPauseSendTheSameRequestsAndPauseBetweenThemAroundTheMean() throws Exception {
        LoadMix mix = smallMix();
        java.util.Map<String, java.util.List<String>> closedLoop = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<String, java.util.List<String>> paused = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Queue<Long> noPauses = new java.util.concurrent.ConcurrentLinkedQueue<>();
        LoadRun.run(mix, 4, 0, 200, 7_000, LoadRun.Think.NONE, noPauses::add, r -> record(closedLoop, r));
        assertTrue(noPauses.isEmpty(), "no pause in the issue's closed loop: " + noPauses);

        java.util.Queue<Long> pauses = new java.util.concurrent.ConcurrentLinkedQueue<>();
        LoadRun.Result run = LoadRun.run(mix, 4, 0, 200, 7_000, new LoadRun.Think(1_000), pauses::add, r -> record(paused, r));
        assertEquals(closedLoop, paused, "pausing changes when the investigators search, not what");
        assertEquals(800, run.count());
        // Between requests, not before the first: 199 a investigator. An exponential draw can be 0 and is then not slept.
        assertTrue(pauses.size() <= 4 * 199 && pauses.size() >= 4 * 199 - 8, "pauses: " + pauses.size());
        double mean = pauses.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertTrue(mean > 850 && mean < 1_150, "around the mean of 1,000 ms (796 draws: the mean's standard error is 35 ms): " + mean);
        long longer = pauses.stream().filter(p -> p > 2_000).count();
        assertTrue(longer > 40 && longer < 180, "exponential, not all alike: e^-2 of the pauses (about 108) over twice the mean: " + longer);
    }

    @Test
    void aKindAloneSendsOnlyThatKindAndTheWholeMixSendsEveryKind() throws Exception {
        LoadMix mix = smallMix();
        java.util.Random random = new java.util.Random(7);
        java.util.Set<LoadMix.Kind> mixed = java.util.EnumSet.noneOf(LoadMix.Kind.class);
        for (int i = 0; i < 500; i++) {
            mixed.add(mix.next(random).kind());
        }
        assertEquals(java.util.EnumSet.allOf(LoadMix.Kind.class), mixed);
        for (LoadMix.Kind kind : LoadMix.Kind.values()) {
            LoadMix one = mix.only(kind);
            for (int i = 0; i < 50; i++) {
                assertEquals(kind, one.next(random).kind());
            }
        }
    }

    @Test
    void aRunCutInPartsSendsTheSameRequestsAsTheWholeRunAndTheirResultsAddUp() throws Exception {
        LoadMix mix = smallMix();
        java.util.Map<String, java.util.List<String>> whole = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<String, java.util.List<String>> inParts = new java.util.concurrent.ConcurrentHashMap<>();
        LoadRun.Result all = LoadRun.run(mix, 3, 0, 10, 7_000, r -> record(whole, r));
        LoadRun.Result first = LoadRun.run(mix, 3, 0, 4, 7_000, r -> record(inParts, r));
        LoadRun.Result second = LoadRun.run(mix, 3, 4, 6, 7_000, r -> record(inParts, r));
        assertEquals(whole, inParts, "each investigator's sequence, continued where the first part stopped");
        assertEquals(3, whole.size());
        LoadRun.Result both = first.and(second);
        assertEquals(all.count(), both.count());
        assertEquals(first.seconds() + second.seconds(), both.seconds(), 1e-9);
        for (LoadMix.Kind kind : LoadMix.Kind.values()) {
            long[] merged = both.latencies().get(kind);
            assertEquals(first.latencies().get(kind).length + second.latencies().get(kind).length, merged.length);
            for (int i = 1; i < merged.length; i++) {
                assertTrue(merged[i - 1] <= merged[i], "sorted, as the percentiles need");
            }
        }
    }

    /** The mix over 30 rooms and a month, with no engine: enough to draw requests from. */
    private static LoadMix smallMix() {
        return new LoadMix(new LoadCorpus(org.roomwatch.app.SampleSchools.load(), 30, java.time.Instant.parse("2025-01-01T00:00:00Z"),
                java.time.Duration.ofDays(30)), 30, java.util.List.of("9900001"), null);
    }

    private static void record(java.util.Map<String, java.util.List<String>> sent, LoadMix.Request request) {
        sent.computeIfAbsent(Thread.currentThread().getName(), k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                .add(request.path() + " " + request.body());
    }

    @Test
    void percentilesAreTakenFromTheSortedLatencies() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        assertEquals(50.0, LoadRun.pct(ms, 50));
        assertEquals(95.0, LoadRun.pct(ms, 95));
        assertEquals(100.0, LoadRun.pct(ms, 100));
        assertEquals(0.0, LoadRun.pct(new long[0], 95));
    }
}
