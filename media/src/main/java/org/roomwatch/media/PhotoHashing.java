package org.roomwatch.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.ImageText;
import org.roomwatch.core.ingest.LateTexts;
import org.roomwatch.core.ops.Meters;
import org.roomwatch.media.ocr.OcrPool;
import org.roomwatch.media.ocr.PictureText;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.VideoHashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hash and discard, for every source alike: each photo (and sticker) and, given a {@link VideoHasher}, each video of a
 * message that the source's fetcher can fetch is read into memory under its size cap, hashed (a video: digests and
 * vPDQ), and dropped; the message keeps only the hashes. A photo that
 * cannot be had or decoded is marked with the reason and logged by address, and the batch goes on; a failure of the
 * source itself ({@code E}: an account that lost its session) fails the batch. Nothing here writes a byte anywhere.
 *
 * @param <E> what the source throws when it, not one photo, has a problem
 */
public final class PhotoHashing<E extends Exception> {
    private static final Logger log = LoggerFactory.getLogger(PhotoHashing.class);

    /** Where one source's photos come from: web addresses for public pages, an account's files for TDLib. */
    public interface PhotoFetcher<E extends Exception> {
        /** Whether this fetcher can fetch {@code ref} (the others are left as they are). */
        boolean fetches(MediaRef ref);

        /**
         * The photo's bytes, at most {@code maxBytes}.
         *
         * @throws PhotoUnavailableException when this photo cannot be had; it is skipped with the reason given
         */
        byte[] fetch(MediaRef ref, long maxBytes) throws PhotoUnavailableException, E, InterruptedException;
    }

    /** This photo cannot be had (an HTTP error, a refused download); the message keeps the reason instead of hashes. */
    public static final class PhotoUnavailableException extends Exception {
        public PhotoUnavailableException(String reason) {
            super(reason);
        }
    }

    private final PhotoFetcher<E> fetcher;
    private final ImageHasher hasher;
    private final VideoHasher videoHasher;
    private final OcrPool ocr;
    private final Duration ocrWait;

    /** Photos only: videos are left as they are. */
    public PhotoHashing(PhotoFetcher<E> fetcher, ImageHasher hasher) {
        this(fetcher, hasher, null);
    }

    /** Photos and videos; {@code videoHasher} null leaves videos as they are. */
    public PhotoHashing(PhotoFetcher<E> fetcher, ImageHasher hasher, VideoHasher videoHasher) {
        this(fetcher, hasher, videoHasher, null, Duration.ZERO);
    }

    private PhotoHashing(PhotoFetcher<E> fetcher, ImageHasher hasher, VideoHasher videoHasher, OcrPool ocr, Duration ocrWait) {
        this.fetcher = fetcher;
        this.hasher = hasher;
        this.videoHasher = videoHasher;
        this.ocr = ocr;
        this.ocrWait = ocrWait;
    }

    /**
     * The same, with each hashed photo's bytes (a video's frames) also offered to {@code ocr} while they are in memory.
     * A batch waits for its pictures' text at most {@code wait} after its last photo is hashed (zero in a crawler: OCR
     * is off the crawl's path); a picture still being read then is stored {@code pending} and its text applied when
     * read ({@link LateTexts}); one refused by a full queue is stored with the reason.
     */
    public PhotoHashing<E> withText(OcrPool ocr, Duration wait) {
        return new PhotoHashing<>(fetcher, hasher, videoHasher, ocr, wait);
    }

    /** The messages with their fetchable photos hashed (an album or a repost pointing at one address twice is fetched once). */
    public List<Message> hash(List<Message> messages) throws E, InterruptedException {
        Map<String, MediaRef> byUrl = new HashMap<>();
        Map<String, CompletableFuture<PictureText>> reading = new HashMap<>();
        List<Message> out = new ArrayList<>(messages.size());
        for (Message message : messages) {
            out.add(hash(message, byUrl, reading));
        }
        return reading.isEmpty() ? out : withTexts(out, reading);
    }

    /** One message with its fetchable photos hashed. */
    public Message hash(Message message) throws E, InterruptedException {
        return hash(List.of(message)).get(0);
    }

    /**
     * The messages with the text read in their pictures, waited for at most {@link #ocrWait} in all; a picture still
     * being read then is marked {@code pending} and its reading kept by the pool for the store to claim.
     */
    private List<Message> withTexts(List<Message> messages, Map<String, CompletableFuture<PictureText>> reading) throws InterruptedException {
        long deadline = System.nanoTime() + ocrWait.toNanos();
        Map<String, ImageText> texts = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<PictureText>> e : reading.entrySet()) {
            texts.put(e.getKey(), textOf(e.getKey(), e.getValue(), deadline));
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (message.media().stream().noneMatch(ref -> ref.url() != null && texts.containsKey(ref.url()))) {
                out.add(message);
                continue;
            }
            List<MediaRef> media = new ArrayList<>(message.media().size());
            for (MediaRef ref : message.media()) {
                ImageText text = ref.url() == null ? null : texts.get(ref.url());
                media.add(text == null ? ref : ref.withText(text));
            }
            out.add(message.withMedia(media));
        }
        return out;
    }

    private ImageText textOf(String url, CompletableFuture<PictureText> read, long deadline) throws InterruptedException {
        if (read == null) {
            return ImageText.unread("queue_full");
        }
        try {
            return OcrPool.imageText(read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            ocr.keepForLater(url, read);
            return ImageText.unread(ImageText.PENDING);
        } catch (ExecutionException e) {
            log.warn("OCR failed on a picture: {}", e.getCause().toString());
            return ImageText.unread("unreadable");
        }
    }

    private Message hash(Message message, Map<String, MediaRef> byUrl, Map<String, CompletableFuture<PictureText>> reading)
            throws E, InterruptedException {
        if (message.media().stream().noneMatch(this::isPicture)) {
            return message;
        }
        List<MediaRef> media = new ArrayList<>(message.media().size());
        for (MediaRef ref : message.media()) {
            if (!isPicture(ref)) {
                media.add(ref);
                continue;
            }
            MediaRef done = byUrl.get(ref.url());
            if (done == null) {
                done = hashOne(ref, message, reading);
                byUrl.put(ref.url(), done);
            }
            media.add(new MediaRef(ref.kind(), ref.url(), done.hashes(), done.unhashedReason(), done.video()));
        }
        return message.withMedia(media);
    }

    private boolean isPicture(MediaRef ref) {
        boolean hashable = ref.kind() == MediaKind.PHOTO || ref.kind() == MediaKind.STICKER || ref.kind() == MediaKind.POSTER
                || (ref.kind() == MediaKind.VIDEO && videoHasher != null);
        return hashable && ref.url() != null && ref.hashes() == null && ref.video() == null && ref.unhashedReason() == null
                && fetcher.fetches(ref);
    }

    private MediaRef hashOne(MediaRef ref, Message message, Map<String, CompletableFuture<PictureText>> reading) throws E, InterruptedException {
        if (ref.kind() == MediaKind.VIDEO) {
            return hashVideo(ref, message, reading);
        }
        try {
            byte[] bytes = fetcher.fetch(ref, hasher.decoder().limits().maxBytes());
            MediaRef hashed = ref.withHashes(hashesOf(hasher.hash(bytes, false)));
            if (ocr != null && ref.kind() != MediaKind.STICKER) {
                // Offered only once hashed (so decodable within the caps); null marks a refusal by a full queue.
                reading.put(ref.url(), ocr.offer(bytes).orElse(null));
            }
            return hashed;
        } catch (PhotoUnavailableException | ImageRefusedException e) {
            return skip(ref, message, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug or an image that still exhausts memory within the limits: skip it, keep crawling.
            return skip(ref, message, "could not be hashed: " + e.getClass().getSimpleName());
        }
    }

    private MediaRef hashVideo(MediaRef ref, Message message, Map<String, CompletableFuture<PictureText>> reading) throws E, InterruptedException {
        try {
            byte[] bytes = fetcher.fetch(ref, videoHasher.limits().maxBytes());
            if (ocr == null) {
                return ref.withVideo(videoHashesOf(videoHasher.hash(bytes)));
            }
            // Frames for their text are taken while the video is decoded for its hashes: one pass, nothing kept after.
            List<java.awt.image.BufferedImage> frames = new ArrayList<>();
            MediaRef hashed = ref.withVideo(videoHashesOf(videoHasher.hash(bytes, new VideoHasher.FrameTap(ocr.secondsPerFrame(),
                    ocr.maxFrames(), 1280, frames::add))));
            if (!frames.isEmpty()) {
                reading.put(ref.url(), ocr.offerFrames(frames).orElse(null)); // null: refused by a full queue
            }
            return hashed;
        } catch (PhotoUnavailableException e) {
            return skip(ref, message, e.getMessage());
        } catch (VideoRefusedException e) {
            // The digests of bytes read whole are kept with the reason: a refused video can still be named by hash.
            String digests = e.digests() == null ? "" : " (SHA-256 " + e.digests().sha256() + ", MD5 " + e.digests().md5() + ")";
            return skip(ref, message, e.getMessage() + digests);
        } catch (RuntimeException | OutOfMemoryError e) {
            return skip(ref, message, "could not be hashed: " + e.getClass().getSimpleName());
        }
    }

    /** What a message keeps of a hashed video: its digests, shape and vPDQ. */
    public static VideoHashes videoHashesOf(VideoFingerprint f) {
        List<VideoHashes.Frame> frames = new ArrayList<>(f.frames().size());
        for (VideoFrameHash h : f.frames()) {
            frames.add(new VideoHashes.Frame(h.frameNumber(), h.quality(), h.hash().hex(), h.timestamp()));
        }
        return new VideoHashes(f.digests().sha256(), f.digests().md5(), f.bytes(), f.durationSeconds(), f.width(), f.height(),
                f.format(), frames);
    }

    /** What a message keeps of a hashed photo: its digests, PDQ and shape. */
    public static ImageHashes hashesOf(ImageFingerprint f) {
        return new ImageHashes(f.digests().sha256(), f.digests().md5(), f.pdq().hex(), f.quality(), f.width(), f.height(),
                f.format().name(), f.bytes());
    }

    private static MediaRef skip(MediaRef ref, Message message, String reason) {
        log.info("{} of {} not hashed ({}): {}", ref.kind() == MediaKind.VIDEO ? "Video" : "Photo", message.id(), ref.url(), reason);
        return ref.unhashed(reason);
    }
}
