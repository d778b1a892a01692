package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The routes an orchestrator and a metrics scraper call: liveness ({@code GET /api/health}: the process answers),
 * readiness ({@code GET /api/ready}: every named dependency of this process is up, else 503 naming the one that is
 * not) and Prometheus metrics ({@code GET /metrics}). Liveness deliberately ignores Elasticsearch: restarting a
 * process because the cluster is away would only lose the crawls it holds.
 */
public final class OpsRoutes {
    /** Per dependency: empty when up, else what is wrong (blank when there is nothing more to say than "down"). */
    private final Map<String, Supplier<Optional<String>>> checks = new ConcurrentHashMap<>();
    private volatile Supplier<String> metrics;
    /** What readiness reports besides its checks, never making the process unready (the OCR backlog). */
    private final Map<String, Supplier<Map<String, Object>>> details = new ConcurrentHashMap<>();

    /** A dependency readiness waits for; {@code up} must answer quickly and never throw. */
    public OpsRoutes check(String name, BooleanSupplier up) {
        checks.put(name, () -> up.getAsBoolean() ? Optional.empty() : Optional.of(""));
        return this;
    }

    /** A dependency that can say what is wrong: {@code problem} answers empty when up, else why (quickly, never throwing). */
    public OpsRoutes problem(String name, Supplier<Optional<String>> problem) {
        checks.put(name, problem);
        return this;
    }

    /**
     * Facts readiness reports under {@code details} without deciding readiness by them: a crawler whose OCR is behind
     * still crawls, and must not be taken out of service for it.
     */
    public OpsRoutes detail(String name, Supplier<Map<String, Object>> facts) {
        details.put(name, facts);
        return this;
    }

    /** The Prometheus text exposition of this process's meters. */
    public OpsRoutes metrics(Supplier<String> scrape) {
        this.metrics = scrape;
        return this;
    }

    /** Gives {@code other} these checks and these metrics (a server built elsewhere answers for this process). */
    public void checksInto(OpsRoutes other) {
        checks.forEach(other::problem);
        details.forEach(other::detail);
        if (metrics != null) {
            other.metrics(metrics);
        }
    }

    void register(Javalin app) {
        app.get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/api/ready", this::ready);
        app.get("/metrics", this::metrics);
    }

    private void ready(Context ctx) {
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (String name : checks.keySet().stream().sorted().toList()) {
            Optional<String> problem;
            try {
                problem = checks.get(name).get();
            } catch (RuntimeException e) {
                problem = Optional.of(e.toString());
            }
            states.put(name, problem.isEmpty() ? "up" : "down");
            problem.filter(p -> !p.isBlank()).ifPresent(p -> problems.put(name, p));
        }
        boolean ready = !states.containsValue("down");
        Map<String, Object> body = new LinkedHashMap<>(Map.of("status", ready ? "ready" : "not ready", "checks", states));
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        if (!details.isEmpty()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            for (String name : details.keySet().stream().sorted().toList()) {
                try {
                    facts.put(name, details.get(name).get());
                } catch (RuntimeException e) {
                    facts.put(name, Map.of("error", e.toString()));
                }
            }
            body.put("details", facts);
        }
        ctx.status(ready ? 200 : 503).json(body);
    }

    private void metrics(Context ctx) {
        Supplier<String> scrape = metrics;
        if (scrape == null) {
            ctx.status(404).json(Map.of("title", "metrics are not enabled in this process"));
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scrape.get());
    }
}
