package org.roomwatch.bench;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What users and scripts get wrong at scale, sent over and over by one extra client while the mix runs: each must
 * be answered at once with a 400 naming its parameter (or, for a request line too long to read, 414), and the
 * others' latencies must not suffer. Counts every answer by status; any other status is unexpected.
 */
final class LoadBadInput {
    private static final Map<String, String> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put("500 words", "/api/messages?q=" + URLEncoder.encode(String.join(" ", Collections.nCopies(500, "가")), StandardCharsets.UTF_8));
        REQUESTS.put("250 words in 499 characters", "/api/messages?q="
                + URLEncoder.encode(String.join(" ", Collections.nCopies(250, "가")), StandardCharsets.UTF_8));
        REQUESTS.put("10,000 schools", "/api/messages?school=" + String.join(",", Collections.nCopies(10_000, "9900001")));
        REQUESTS.put("50 schools", "/api/messages?school=" + String.join(",", Collections.nCopies(50, "9900001")));
        REQUESTS.put("dates reversed", "/api/messages?q=%EC%82%AC%EC%A7%84&from=2026-03-10&to=2026-03-01");
        REQUESTS.put("page 1,000,000", "/api/messages?q=%EC%82%AC%EC%A7%84&page=1000000");
    }

    private final LoadApi api;
    private final Map<String, Map<Integer, AtomicInteger>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger unexpected = new AtomicInteger();

    LoadBadInput(LoadApi api) {
        this.api = api;
    }

    /** Runs {@code run} while a client sends the bad requests in turn without pause; answers what {@code run} answers. */
    <T> T during(java.util.concurrent.Callable<T> run) throws Exception {
        Thread sender = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Map.Entry<String, String> bad : REQUESTS.entrySet()) {
                    try {
                        HttpResponse<String> response = api.exchange(bad.getValue(), null);
                        answers.computeIfAbsent(bad.getKey(), k -> new ConcurrentHashMap<>())
                                .computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() != 400 && response.statusCode() != 414) {
                            unexpected.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (java.io.IOException e) {
                        unexpected.incrementAndGet();
                    }
                }
            }
        }, "bad-input");
        sender.start();
        try {
            return run.call();
        } finally {
            sender.interrupt();
            sender.join(10_000);
        }
    }

    /** Per bad request, how many answers of each status it got. */
    Map<String, Map<Integer, Integer>> answers() {
        Map<String, Map<Integer, Integer>> out = new LinkedHashMap<>();
        for (String key : REQUESTS.keySet()) {
            Map<Integer, Integer> counts = new TreeMap<>();
            answers.getOrDefault(key, Map.of()).forEach((status, n) -> counts.put(status, n.get()));
            out.put(key, counts);
        }
        return out;
    }

    /** Answers that were neither 400 nor 414, and requests that got no answer. */
    int unexpected() {
        return unexpected.get();
    }
}
