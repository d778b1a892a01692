package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();
    private volatile Supplier<String> metrics;

    /** A dependency readiness waits for; {@code up} must answer quickly and never throw. */
    public OpsRoutes check(String name, BooleanSupplier up) {
        checks.put(name, up);
        return this;
    }

    /** The Prometheus text exposition of this process's meters. */
    public OpsRoutes metrics(Supplier<String> scrape) {
        this.metrics = scrape;
        return this;
    }

    /** Gives {@code other} these checks and these metrics (a server built elsewhere answers for this process). */
    public void checksInto(OpsRoutes other) {
        checks.forEach(other::check);
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
        boolean ready = true;
        for (String name : checks.keySet().stream().sorted().toList()) {
            boolean up;
            try {
                up = checks.get(name).getAsBoolean();
            } catch (RuntimeException e) {
                up = false;
            }
            states.put(name, up ? "up" : "down");
            ready &= up;
        }
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "not ready", "checks", states));
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
