package org.roomwatch.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A long-running process's life: the shutdown hook is in place before anything starts, so Ctrl-C or SIGTERM during
 * start-up (a crawl may already be writing) still closes what started, the crawls and bulks in flight first. Without
 * it, a signal between the first crawl and the end of start-up ended the process with a bulk on its way.
 */
final class UntilShutdown {
    private UntilShutdown() {}

    /** Starts the process with {@code start}, hands it to {@code started}, then blocks until the process is asked to stop. */
    static <T extends AutoCloseable> void run(Supplier<T> start, java.util.function.Consumer<T> started) {
        AtomicReference<AutoCloseable> running = new AtomicReference<>();
        CountDownLatch startupOver = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                startupOver.await(); // a failed start closes what it started itself
                AutoCloseable part = running.get();
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("roomwatch: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "roomwatch-shutdown"));
        T process;
        try {
            process = start.get();
            running.set(process);
        } finally {
            startupOver.countDown();
        }
        started.accept(process);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
