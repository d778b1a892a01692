package org.roomwatch.bench;

import java.io.PrintStream;

/** The tables of a load run. */
final class LoadReport {
    private LoadReport() {}

    /** Per kind of request: the API's latencies beside the engine's for the same queries. */
    static void kinds(PrintStream out, LoadRun.Result api, LoadRun.Result engine) {
        Table table = Table.start(out, Table.text("request", 26), Table.number("requests", "%d"),
                Table.number("API p50 ms", "%.1f"), Table.number("API p95 ms", "%.1f"), Table.number("API p99 ms", "%.1f"),
                Table.number("engine p50 ms", "%.1f"), Table.number("engine p95 ms", "%.1f"), Table.number("engine p99 ms", "%.1f"),
                Table.number("engine / API (mean)", "%.2f"));
        for (LoadMix.Kind kind : LoadMix.Kind.values()) {
            long[] a = api.latencies().get(kind);
            long[] e = engine.latencies().get(kind);
            table.row(kind.label, a.length, LoadRun.pct(a, 50), LoadRun.pct(a, 95), LoadRun.pct(a, 99),
                    LoadRun.pct(e, 50), LoadRun.pct(e, 95), LoadRun.pct(e, 99), mean(e) / Math.max(1e-9, mean(a)));
        }
        long[] a = api.of(k -> k.messageSearch);
        long[] e = engine.of(k -> k.messageSearch);
        table.row("message search (all three)", a.length, LoadRun.pct(a, 50), LoadRun.pct(a, 95), LoadRun.pct(a, 99),
                LoadRun.pct(e, 50), LoadRun.pct(e, 95), LoadRun.pct(e, 99), mean(e) / Math.max(1e-9, mean(a)));
    }

    /** The two runs' throughputs and the ingest rates alone and during each. */
    static void totals(PrintStream out, LoadRun.Result api, LoadRun.Result engine, double ingestAlone, double ingestApi, double ingestEngine) {
        Table table = Table.start(out, Table.text("run", 36), Table.number("requests", "%d"), Table.number("seconds", "%.1f"),
                Table.number("requests/s", "%.0f"), Table.number("all p95 ms", "%.1f"), Table.number("ingest msg/s", "%.0f"),
                Table.number("ingest / alone", "%.2f"));
        table.row("ingest alone (higher of 2 windows)", 0, 0.0, 0.0, 0.0, ingestAlone, 1.0);
        table.row("API (HTTP, token, audit, JSON)", api.count(), api.seconds(), api.perSecond(), LoadRun.pct(api.of(k -> true), 95),
                ingestApi, ingestApi / Math.max(1e-9, ingestAlone));
        table.row("engine (same queries, same client)", engine.count(), engine.seconds(), engine.perSecond(),
                LoadRun.pct(engine.of(k -> true), 95), ingestEngine, ingestEngine / Math.max(1e-9, ingestAlone));
    }

    /** The measured parts in the order they ran, so a drift from first to last shows. */
    static void parts(PrintStream out, java.util.List<LoadBench.Part> parts) {
        Table table = Table.start(out, Table.text("part, in the order run", 24), Table.number("requests", "%d"), Table.number("seconds", "%.1f"),
                Table.number("requests/s", "%.0f"), Table.number("all p95 ms", "%.1f"), Table.number("ingest msg/s", "%.0f"));
        for (LoadBench.Part part : parts) {
            LoadRun.Result r = part.result();
            table.row(part.name(), r.count(), r.seconds(), r.perSecond(), LoadRun.pct(r.of(k -> true), 95), part.indexed() / Math.max(1e-9, r.seconds()));
        }
        out.println();
    }

    /**
     * Where each part's CPU went, in milliseconds of CPU per request answered: the node's, the database's, and this
     * JVM's by thread pool (the API server's, the crawlers', the bench's own clients'). A row sums a part's whole time,
     * ingest included, so the API's own cost per request is the difference between an API part and an engine part.
     */
    static void cpu(PrintStream out, java.util.List<LoadBench.Part> parts) {
        if (parts.stream().anyMatch(p -> p.cpu() == null)) {
            out.println("(CPU by process and thread pool not measured: this machine has no /proc or no thread CPU clock)");
            return;
        }
        java.util.Map<String, Double> order = new java.util.LinkedHashMap<>();
        parts.forEach(p -> p.cpu().seconds().forEach((who, s) -> order.merge(who, s, Double::sum)));
        Table.Column[] columns = new Table.Column[parts.size() + 1];
        columns[0] = Table.text("CPU ms per request, by who spent it", 52);
        for (int i = 0; i < parts.size(); i++) {
            columns[i + 1] = Table.number(parts.get(i).name(), "%.2f");
        }
        Table table = Table.start(out, columns);
        order.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> {
            Object[] row = new Object[parts.size() + 1];
            row[0] = e.getKey();
            for (int i = 0; i < parts.size(); i++) {
                row[i + 1] = perRequest(parts.get(i), parts.get(i).cpu().seconds().getOrDefault(e.getKey(), 0.0));
            }
            table.row(row);
        });
        Object[] busy = new Object[parts.size() + 1];
        busy[0] = "the whole machine (busy, all cores)";
        for (int i = 0; i < parts.size(); i++) {
            busy[i + 1] = perRequest(parts.get(i), parts.get(i).cpu().machineBusy());
        }
        table.row(busy);
        out.println();
    }

    /**
     * What each kind of request costs when nothing else is asked (the crawl goes on): its throughput both ways, the
     * node's CPU per request net of the ingest beside it (at what a stored message cost the node with nothing else
     * running, {@code nodeMsPerStored}), the whole machine's both ways, and the kind's share of the mix's node time
     * (its share of requests times its node cost). Says which kind the node's time goes to, and what the API adds to each.
     */
    static void costByKind(PrintStream out, java.util.List<LoadBench.Part> engine, java.util.List<LoadBench.Part> api, double nodeMsPerStored) {
        if (java.util.stream.Stream.concat(engine.stream(), api.stream()).anyMatch(p -> p.cpu() == null)) {
            out.println("(cost by kind not measured: this machine has no /proc or no thread CPU clock)");
            return;
        }
        LoadMix.Kind[] kinds = LoadMix.Kind.values();
        double[] node = new double[kinds.length];
        double mixNode = 0;
        for (int i = 0; i < kinds.length; i++) {
            LoadBench.Part part = engine.get(i);
            double ingestShare = part.indexed() * nodeMsPerStored / 1000;
            node[i] = perRequest(part, part.cpu().seconds().get(CpuLedger.NODE) - ingestShare);
            mixNode += kinds[i].share * node[i];
        }
        Table table = Table.start(out, Table.text("each kind alone", 26), Table.number("share %", "%d"),
                Table.number("engine req/s", "%.0f"), Table.number("API req/s", "%.0f"), Table.number("API / engine", "%.2f"),
                Table.number("node ms per request, net of ingest", "%.2f"), Table.number("machine ms, engine", "%.2f"),
                Table.number("machine ms, API", "%.2f"), Table.number("share of the mix's node time %", "%.0f"));
        for (int i = 0; i < kinds.length; i++) {
            LoadBench.Part e = engine.get(i);
            LoadBench.Part a = api.get(i);
            table.row(kinds[i].label, kinds[i].share, e.result().perSecond(), a.result().perSecond(),
                    a.result().perSecond() / Math.max(1e-9, e.result().perSecond()), node[i], perRequest(e, e.cpu().machineBusy()),
                    perRequest(a, a.cpu().machineBusy()), 100 * kinds[i].share * node[i] / Math.max(1e-9, mixNode));
        }
        out.println();
    }

    private static double perRequest(LoadBench.Part part, double seconds) {
        return seconds * 1000 / Math.max(1, part.result().count());
    }

    /** Prints a run's errors (at most five of them); answers how many there were. */
    static int errors(PrintStream out, String run, LoadRun.Result result) {
        if (result.errors() > 0) {
            out.printf("%s run: %d requests failed, first: %s%n", run, result.errors(), String.join(" | ", result.firstErrors()));
        }
        return result.errors();
    }

    /** The others' latencies without and with a client sending bad requests throughout, and what the bad ones got. */
    static void badInput(PrintStream out, LoadRun.Result without, LoadRun.Result with, LoadBadInput bad) {
        Table table = Table.start(out, Table.text("run", 40), Table.number("requests/s", "%.0f"), Table.number("message search p95 ms", "%.1f"),
                Table.number("all p95 ms", "%.1f"));
        table.row("the mix alone", without.perSecond(), LoadRun.pct(without.of(k -> k.messageSearch), 95), LoadRun.pct(without.of(k -> true), 95));
        table.row("the mix while bad requests are sent", with.perSecond(), LoadRun.pct(with.of(k -> k.messageSearch), 95),
                LoadRun.pct(with.of(k -> true), 95));
        out.println();
        bad.answers().forEach((request, statuses) -> out.printf("bad request %-42s answered %s%n", request, statuses));
    }

    private static double mean(long[] values) {
        double sum = 0;
        for (long v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
