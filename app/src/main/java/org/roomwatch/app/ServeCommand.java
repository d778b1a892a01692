package org.roomwatch.app;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run roomwatch from config/roomwatch.yml (or --config) with ROOMWATCH_* overrides.")
final class ServeCommand implements Runnable {
    @Option(names = "--config", description = "configuration file overriding the defaults")
    Path config;

    @Option(names = "--role", defaultValue = "crawler,api,alerts",
            description = "what this process does: crawler, api and/or alerts, comma-separated; default ${DEFAULT-VALUE}")
    String role;

    @Override
    public void run() {
        Roomwatch app = Roomwatch.start(Configs.load(config), ProcessRole.parse(role));
        awaitShutdown(app);
    }

    /** Blocks until Ctrl-C or SIGTERM; the hook closes everything (the crawls and bulks in flight finish first). */
    static void awaitShutdown(AutoCloseable... parts) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable part : parts) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("roomwatch: error while stopping: " + e);
                }
            }
            stopped.countDown();
        }, "roomwatch-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
