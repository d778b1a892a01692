package org.roomwatch.media.ocr;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomwatch.core.ops.Meters;
import org.roomwatch.media.DecodeLimits;

/**
 * The OCR workers of one process: {@code ocr.threads} threads (the CPU budget: each keeps at most one core busy),
 * each with its own Tesseract, drain a queue of at most {@code ocr.queue} pictures. Offering a picture never blocks
 * the crawl: when the queue is full the offer is refused and counted, and the picture's text stays unread. The
 * pictures wait in memory only; a worker drops each once read.
 */
public final class OcrPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final ConcurrentLinkedQueue<PictureReader> readers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<PictureReader> reader;

    public OcrPool(Ocr ocr, DecodeLimits limits) {
        if (!ocr.available()) {
            throw new IllegalStateException(ocr.problem());
        }
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(ocr.config().threads(), ocr.config().threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ocr.config().queue()), task -> {
                    Thread t = new Thread(task, "ocr-" + n.incrementAndGet());
                    t.setDaemon(true);
                    // Below the crawl's threads: fetching and storing go first when the cores are busy.
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        reader = ThreadLocal.withInitial(() -> {
            PictureReader r = ocr.newReader(limits);
            readers.add(r);
            return r;
        });
    }

    /** The picture queued for reading, or empty when the queue is full (counted as queue_full). */
    public Optional<Future<PictureText>> offer(byte[] encoded) {
        try {
            Future<PictureText> read = executor.submit(() -> {
                PictureText text = reader.get().read(encoded);
                Meters.ocr(text.skip() == null ? "read" : text.skip().name().toLowerCase(), text.millis());
                Meters.ocrBacklog(executor.getQueue().size());
                return text;
            });
            Meters.ocrBacklog(executor.getQueue().size());
            return Optional.of(read);
        } catch (RejectedExecutionException e) {
            Meters.ocr("queue_full", 0);
            return Optional.empty();
        }
    }

    /** Pictures waiting for a worker. */
    public int backlog() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.forEach(PictureReader::close);
    }
}
