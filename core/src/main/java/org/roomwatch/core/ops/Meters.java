package org.roomwatch.core.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operational meters, in one place so their names and labels stay consistent. They go to Micrometer's global
 * registry; the process adds a Prometheus registry to it when it serves {@code /metrics}. Labels never carry a room
 * name, a person or a search: only the kind of source, an outcome, a host.
 */
public final class Meters {
    private static final AtomicInteger bulkInFlight = new AtomicInteger();

    static {
        io.micrometer.core.instrument.Gauge.builder("roomwatch.bulk.in.flight", bulkInFlight, AtomicInteger::get)
                .description("bulk requests sent to Elasticsearch and not yet acknowledged (the ingest queue)")
                .register(Metrics.globalRegistry);
    }

    private static final java.util.concurrent.atomic.AtomicLong dataDiskFree = new java.util.concurrent.atomic.AtomicLong(-1);
    private static volatile boolean dataDiskGauge;

    private static final AtomicInteger unstored = new AtomicInteger();

    static {
        io.micrometer.core.instrument.Gauge.builder("roomwatch.unstored.messages", unstored, AtomicInteger::get)
                .description("messages fetched but refused by the index, held in memory to be stored first when it is back")
                .register(Metrics.globalRegistry);
    }

    private Meters() {}

    /** Messages held in memory after the index refused them (the bounded buffer). */
    public static void unstoredMessages(int count) {
        unstored.set(count);
    }

    /** Free bytes on the disk of the local data directory, as last looked at (registered on first use). */
    public static synchronized void dataDiskFree(long bytes) {
        dataDiskFree.set(bytes);
        if (!dataDiskGauge) {
            io.micrometer.core.instrument.Gauge.builder("roomwatch.data.disk.free", dataDiskFree, java.util.concurrent.atomic.AtomicLong::get)
                    .description("free bytes on the disk of the local data directory (the H2 database)")
                    .baseUnit("bytes")
                    .register(Metrics.globalRegistry);
            dataDiskGauge = true;
        }
    }

    public static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** One crawl of a room ended: {@code outcome} is ok, fetch_failed, store_failed, disk_full, paused or interrupted. */
    public static void crawl(String source, String outcome, int messages) {
        Counter.builder("roomwatch.crawls").description("room crawls by source and outcome")
                .tag("source", source).tag("outcome", outcome).register(registry()).increment();
        if (messages > 0) {
            Counter.builder("roomwatch.crawled.messages").description("new messages stored, by source")
                    .tag("source", source).register(registry()).increment(messages);
        }
    }

    /** A page fetch failed for good (after its retries). */
    public static void fetchError(String host) {
        Counter.builder("roomwatch.fetch.errors").description("page fetches that failed after their retries")
                .tag("host", host).register(registry()).increment();
    }

    /** A source told us to slow down and we waited. */
    public static void rateLimitWait(String host, Duration waited) {
        Timer.builder("roomwatch.rate.limit.waits").description("waits asked for by a 429 or a flood wait")
                .tag("host", host).register(registry()).record(waited);
    }

    /** How long one bulk request took from send to acknowledgement. */
    public static void bulk(Duration took, boolean ok) {
        Timer.builder("roomwatch.bulk.latency").description("bulk requests to Elasticsearch, send to answer")
                .tag("outcome", ok ? "ok" : "failed").register(registry()).record(took);
    }

    public static void bulkSent() {
        bulkInFlight.incrementAndGet();
    }

    public static void bulkAnswered() {
        bulkInFlight.decrementAndGet();
    }

    /** One alert mail's attempt ended: sent, retry or failed. */
    public static void alertMail(String outcome) {
        Counter.builder("roomwatch.alert.mails").description("alert mail attempts by outcome")
                .tag("outcome", outcome).register(registry()).increment();
    }

    private static final AtomicInteger ocrBacklog = new AtomicInteger();

    static {
        io.micrometer.core.instrument.Gauge.builder("roomwatch.ocr.backlog", ocrBacklog, AtomicInteger::get)
                .description("pictures waiting for an OCR worker").register(Metrics.globalRegistry);
    }

    /** Pictures waiting for an OCR worker now. */
    public static void ocrBacklog(int pictures) {
        ocrBacklog.set(pictures);
    }

    /**
     * One picture's OCR ended: {@code outcome} is read, no_text_seen, unreadable, time_budget, low_confidence,
     * or queue_full.
     */
    public static void ocr(String outcome, long millis) {
        Counter.builder("roomwatch.ocr.pictures").description("pictures offered to OCR, by outcome")
                .tag("outcome", outcome).register(registry()).increment();
        if (millis > 0) {
            Timer.builder("roomwatch.ocr.latency").description("time to read one picture's text")
                    .register(registry()).record(Duration.ofMillis(millis));
        }
    }
}
