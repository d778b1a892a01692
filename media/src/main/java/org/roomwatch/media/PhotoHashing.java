package org.roomwatch.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.ImageHashes;
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

    /** Photos only: videos are left as they are. */
    public PhotoHashing(PhotoFetcher<E> fetcher, ImageHasher hasher) {
        this(fetcher, hasher, null);
    }

    /** Photos and videos; {@code videoHasher} null leaves videos as they are. */
    public PhotoHashing(PhotoFetcher<E> fetcher, ImageHasher hasher, VideoHasher videoHasher) {
        this.fetcher = fetcher;
        this.hasher = hasher;
        this.videoHasher = videoHasher;
    }

    /** The messages with their fetchable photos hashed (an album or a repost pointing at one address twice is fetched once). */
    public List<Message> hash(List<Message> messages) throws E, InterruptedException {
        Map<String, MediaRef> byUrl = new HashMap<>();
        List<Message> out = new ArrayList<>(messages.size());
        for (Message message : messages) {
            out.add(hash(message, byUrl));
        }
        return out;
    }

    /** One message with its fetchable photos hashed. */
    public Message hash(Message message) throws E, InterruptedException {
        return hash(message, new HashMap<>());
    }

    private Message hash(Message message, Map<String, MediaRef> byUrl) throws E, InterruptedException {
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
                done = hashOne(ref, message);
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

    private MediaRef hashOne(MediaRef ref, Message message) throws E, InterruptedException {
        if (ref.kind() == MediaKind.VIDEO) {
            return hashVideo(ref, message);
        }
        try {
            byte[] bytes = fetcher.fetch(ref, hasher.decoder().limits().maxBytes());
            return ref.withHashes(hashesOf(hasher.hash(bytes, false)));
        } catch (PhotoUnavailableException | ImageRefusedException e) {
            return skip(ref, message, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug or an image that still exhausts memory within the limits: skip it, keep crawling.
            return skip(ref, message, "could not be hashed: " + e.getClass().getSimpleName());
        }
    }

    private MediaRef hashVideo(MediaRef ref, Message message) throws E, InterruptedException {
        try {
            byte[] bytes = fetcher.fetch(ref, videoHasher.limits().maxBytes());
            return ref.withVideo(videoHashesOf(videoHasher.hash(bytes)));
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
