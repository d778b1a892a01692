package org.roomwatch.api;

import io.javalin.Javalin;

/**
 * Health, readiness and metrics alone, for a process that serves no investigators (a crawler or alerts process):
 * its orchestrator and Prometheus still need to reach it, and nothing else is exposed.
 */
public final class OpsServer implements AutoCloseable {
    private final Javalin app;

    public OpsServer(OpsRoutes routes) {
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        routes.register(app);
    }

    public OpsServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
