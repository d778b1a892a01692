package org.roomwatch.media.ocr;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.roomwatch.core.ImageText;
import org.roomwatch.core.ingest.LateTexts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomwatch.core.ops.Meters;
import org.roomwatch.media.DecodeLimits;

/**
 * The OCR workers of one process: {@code ocr.threads} threads (the CPU budget: each keeps at most one core busy),
 * each with its own Tesseract, drain a queue of at most {@code ocr.queue} pictures (and 256 MB). Offering a picture never blocks
 * the crawl: when the queue is full the offer is refused and counted, and the picture's text stays unread. The
 * pictures wait in memory only; a worker drops each once read.
 */
public final class OcrPool implements AutoCloseable, LateTexts {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OcrPool.class);
    /** Pictures still being read when their message was stored wait this long to be claimed, then are forgotten. */
    static final Duration UNCLAIMED = Duration.ofMinutes(10);

    private final ThreadPoolExecutor executor;
    private final ConcurrentLinkedQueue<PictureReader> readers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<PictureReader> reader;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxQueuedBytes;
    private final double secondsPerFrame;
    private final int maxFrames;
    private final ConcurrentHashMap<String, Late> late = new ConcurrentHashMap<>();

    private record Late(CompletableFuture<PictureText> read, long since) {}

    /** Pictures waiting hold at most 256 MB (encoded pictures, or a video's grey frames). */
    public OcrPool(Ocr ocr, DecodeLimits limits) {
        this(ocr, limits, 256L << 20);
    }

    public OcrPool(Ocr ocr, DecodeLimits limits, long maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.secondsPerFrame = ocr.config().videoSecondsPerFrame();
        this.maxFrames = ocr.config().maxVideoFrames();
        if (!ocr.available()) {
            throw new IllegalStateException(ocr.problem());
        }
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(ocr.config().threads(), ocr.config().threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ocr.config().queue()), task -> {
                    Thread t = new Thread(() -> {
                        // Below everything else: fetching, hashing and indexing go first when the cores are busy.
                        IdlePriority.lower();
                        task.run();
                    }, "ocr-" + n.incrementAndGet());
                    t.setDaemon(true);
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
    public Optional<CompletableFuture<PictureText>> offer(byte[] encoded) {
        return submit(encoded.length, () -> reader.get().read(encoded));
    }

    /**
     * A video's frames queued for reading as one picture: the distinct lines of all of them (a caption stays on screen
     * for many frames), with the frames' mean confidence; empty when the queue is full.
     */
    public Optional<CompletableFuture<PictureText>> offerFrames(List<BufferedImage> frames) {
        long bytes = frames.stream().mapToLong(f -> (long) f.getWidth() * f.getHeight()).sum();
        return submit(bytes, () -> {
            long started = System.nanoTime();
            Set<String> lines = new LinkedHashSet<>();
            long confidence = 0;
            int read = 0;
            PictureText.Skip skip = PictureText.Skip.NO_TEXT_SEEN;
            String detail = "no frame with text";
            for (BufferedImage frame : frames) {
                PictureText text = reader.get().read(frame);
                if (text.hasText()) {
                    text.text().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
                    confidence += text.confidence();
                    read++;
                } else if (text.skip() != null && text.skip() != PictureText.Skip.NO_TEXT_SEEN) {
                    skip = text.skip();
                    detail = text.detail();
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            return lines.isEmpty() ? PictureText.skipped(skip, detail, millis)
                    : new PictureText(String.join("\n", lines), (int) (confidence / read), millis, null, null);
        });
    }

    private Optional<CompletableFuture<PictureText>> submit(long bytes, Callable<PictureText> read) {
        // The queue is bounded in pictures and in memory: a few 20 MB pictures must not hold a crawler's heap.
        if (queuedBytes.addAndGet(bytes) > maxQueuedBytes && queuedBytes.get() != bytes) {
            queuedBytes.addAndGet(-bytes);
            Meters.ocr("queue_full", 0);
            return Optional.empty();
        }
        CompletableFuture<PictureText> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    PictureText text = read.call();
                    Meters.ocr(text.skip() == null ? "read" : text.skip().name().toLowerCase(), text.millis());
                    if (text.skip() != null && text.skip() != PictureText.Skip.NO_TEXT_SEEN) {
                        // Never the text or the picture: the reason only (a corrupt file, a wall of glyphs, a script the models lack).
                        log.info("Text of a picture not read ({}): {}", text.skip().name().toLowerCase(), text.detail());
                    }
                    future.complete(text);
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                } finally {
                    queuedBytes.addAndGet(-bytes);
                    Meters.ocrBacklog(executor.getQueue().size());
                }
            });
            Meters.ocrBacklog(executor.getQueue().size());
            return Optional.of(future);
        } catch (RejectedExecutionException e) {
            queuedBytes.addAndGet(-bytes);
            Meters.ocr("queue_full", 0);
            return Optional.empty();
        }
    }

    /**
     * Keeps a reading that its batch did not wait for, to be {@link #claim claimed} by the store once its message is
     * written; unclaimed ones are forgotten after {@link #UNCLAIMED}.
     */
    public void keepForLater(String key, CompletableFuture<PictureText> read) {
        long now = System.nanoTime();
        late.values().removeIf(l -> now - l.since() > UNCLAIMED.toNanos());
        late.put(key, new Late(read, now));
    }

    @Override
    public Optional<CompletableFuture<ImageText>> claim(String key) {
        Late kept = late.remove(key);
        return kept == null ? Optional.empty() : Optional.of(kept.read().handle((text, failure) -> failure != null
                ? ImageText.unread("unreadable") : imageText(text)));
    }

    /** What a message keeps of a reading: the text, or why there is none. */
    public static ImageText imageText(PictureText text) {
        return text.skip() == null ? ImageText.read(text.text(), text.confidence()) : ImageText.unread(text.skip().name().toLowerCase());
    }

    /** One video frame read per this many seconds ({@code ocr.videoSecondsPerFrame}). */
    public double secondsPerFrame() {
        return secondsPerFrame;
    }

    /** At most this many frames of a video read ({@code ocr.maxVideoFrames}). */
    public int maxFrames() {
        return maxFrames;
    }

    /** For readiness: pictures waiting, being read, read and not yet claimed, and the queue's size. */
    public java.util.Map<String, Object> state() {
        return java.util.Map.of("backlog", executor.getQueue().size(), "reading", executor.getActiveCount(),
                "queue", executor.getQueue().size() + executor.getQueue().remainingCapacity(), "workers", executor.getMaximumPoolSize());
    }

    /** Nothing waiting and nothing being read. */
    public boolean idle() {
        return executor.getQueue().isEmpty() && executor.getActiveCount() == 0;
    }

    /** Pictures waiting for a worker. */
    public int backlog() {
        return executor.getQueue().size();
    }

    /**
     * Refuses new pictures from now on (they stay unread as {@code queue_full}, for the sweep) and drops those waiting,
     * without waiting for the one being read: a Tesseract call cannot be interrupted. Closing a process calls this
     * first, so that call finishes while the crawls in flight do, instead of after them.
     */
    public void stopTaking() {
        executor.shutdownNow();
    }

    /**
     * Stops taking pictures and waits (at most 30 s) for the readings in flight, then frees the readers. A reader still
     * reading after that is left to the process's end: freeing it under a running Tesseract call would crash the JVM.
     * Closing twice is harmless.
     */
    @Override
    public void close() {
        stopTaking();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("A picture was still being read 30 s after the OCR pool was closed; its reader is left to the process's end");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (PictureReader r; (r = readers.poll()) != null; ) {
            r.close();
        }
    }
}
