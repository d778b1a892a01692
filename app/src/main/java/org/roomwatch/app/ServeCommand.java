package org.roomwatch.app;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run roomwatch from config/roomwatch.yml (or --config) with ROOMWATCH_* overrides.")
final class ServeCommand implements Runnable {
    @Option(names = "--config", description = "configuration file overriding the defaults")
    Path config;

    @Override
    public void run() {
        Roomwatch app = Roomwatch.start(Configs.load(config));
        awaitShutdown(app);
    }

    /** Blocks until Ctrl-C; the hook closes everything, the Elasticsearch child included. */
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
