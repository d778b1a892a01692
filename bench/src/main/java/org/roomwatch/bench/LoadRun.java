package org.roomwatch.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of the mix: {@code searchers} threads, each sending {@code requests} requests of its own seeded sequence
 * one after another (an investigator waits for an answer before the next search, and may pause to read it: see
 * {@link Think}), through one way of answering them (the API over HTTP, or the engine directly). Latencies are kept
 * per kind of request.
 */
final class LoadRun {
    /**
     * How long an investigator reads an answer before the next search. {@link #NONE}, the load, is a closed
     * loop with no pause: the mean latency is then the number of investigators over the throughput, whatever a
     * request costs. A mean above 0 draws each pause from the exponential distribution around it, so the
     * investigators do not fall into step, and the run's rate becomes what they ask for rather than what the server
     * can give.
     */
    record Think(long meanMillis) {
        static final Think NONE = new Think(0);

        Think {
            if (meanMillis < 0) {
                throw new IllegalArgumentException("--think-ms must be 0 or more, got " + meanMillis);
            }
        }

        long nextMillis(Random random) {
            return meanMillis == 0 ? 0 : Math.round(-meanMillis * Math.log(1 - random.nextDouble()));
        }
    }

    /** Waits a pause out (tests record the pauses instead). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** Sends one request and returns normally when it succeeded; throws (with why) when it did not. */
    @FunctionalInterface
    interface Sender {
        void send(LoadMix.Request request) throws Exception;
    }

    /** What a run measured: per-kind latencies in nanoseconds (sorted), errors, and its wall-clock seconds. */
    record Result(Map<LoadMix.Kind, long[]> latencies, int errors, List<String> firstErrors, double seconds) {
        long count() {
            return latencies.values().stream().mapToLong(l -> l.length).sum();
        }

        double perSecond() {
            return count() / seconds;
        }

        /** Two runs of the same way as one: their latencies together, over their seconds together. */
        Result and(Result other) {
            Map<LoadMix.Kind, long[]> both = new EnumMap<>(LoadMix.Kind.class);
            for (LoadMix.Kind kind : LoadMix.Kind.values()) {
                both.put(kind, java.util.stream.LongStream.concat(java.util.Arrays.stream(latencies.getOrDefault(kind, new long[0])),
                        java.util.Arrays.stream(other.latencies.getOrDefault(kind, new long[0]))).sorted().toArray());
            }
            List<String> first = new ArrayList<>(firstErrors);
            other.firstErrors.stream().limit(Math.max(0, 5 - first.size())).forEach(first::add);
            return new Result(both, errors + other.errors, first, seconds + other.seconds);
        }

        /** The sorted latencies of every kind that {@code include} accepts. */
        long[] of(java.util.function.Predicate<LoadMix.Kind> include) {
            return latencies.entrySet().stream().filter(e -> include.test(e.getKey())).flatMapToLong(e -> java.util.Arrays.stream(e.getValue()))
                    .sorted().toArray();
        }
    }

    private LoadRun() {}

    /** Runs the mix; {@code seedBase} makes the sequences (the same for the API run and the engine run). */
    static Result run(LoadMix mix, int searchers, int requests, long seedBase, Sender sender) throws InterruptedException {
        return run(mix, searchers, 0, requests, seedBase, sender);
    }

    /**
     * Runs requests {@code skip} to {@code skip + requests} of each investigator's sequence: a run can be cut in
     * parts, each part the same queries whichever way it is sent.
     */
    static Result run(LoadMix mix, int searchers, int skip, int requests, long seedBase, Sender sender) throws InterruptedException {
        return run(mix, searchers, skip, requests, seedBase, Think.NONE, Thread::sleep, sender);
    }

    /**
     * As above, each investigator pausing before each request but the run's first. The pauses come from their own
     * seeded sequence, so a run sends the same requests with any pause or none.
     */
    static Result run(LoadMix mix, int searchers, int skip, int requests, long seedBase, Think think, Sleeper sleeper, Sender sender)
            throws InterruptedException {
        Map<LoadMix.Kind, ConcurrentLinkedQueue<Long>> latencies = new EnumMap<>(LoadMix.Kind.class);
        for (LoadMix.Kind kind : LoadMix.Kind.values()) {
            latencies.put(kind, new ConcurrentLinkedQueue<>());
        }
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(searchers);
        long start = System.nanoTime();
        for (int s = 0; s < searchers; s++) {
            long seed = seedBase + s;
            Thread t = new Thread(() -> {
                Random random = new Random(seed);
                Random pauses = new Random(~seed);
                for (int i = 0; i < skip; i++) {
                    mix.next(random);
                }
                try {
                    for (int i = 0; i < requests; i++) {
                        LoadMix.Request request = mix.next(random);
                        long pause = think.nextMillis(pauses);
                        if (i > 0 && pause > 0) {
                            sleeper.sleep(pause);
                        }
                        long sent = System.nanoTime();
                        try {
                            sender.send(request);
                            latencies.get(request.kind()).add(System.nanoTime() - sent);
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add(request.kind().label + " " + request.path() + ": " + e.getMessage());
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    CpuLedger.threadEnding();
                    done.countDown();
                }
            }, "investigator-" + s);
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<LoadMix.Kind, long[]> sorted = new EnumMap<>(LoadMix.Kind.class);
        latencies.forEach((kind, values) -> sorted.put(kind, values.stream().mapToLong(Long::longValue).sorted().toArray()));
        return new Result(sorted, errors.get(), new ArrayList<>(firstErrors), seconds);
    }

    /** The {@code percentile}-th latency of sorted nanoseconds, in milliseconds (nearest rank). */
    static double pct(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
