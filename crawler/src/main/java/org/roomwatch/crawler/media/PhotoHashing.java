package org.roomwatch.crawler.media;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.core.ImageHashes;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.crawler.http.FetchException;
import org.roomwatch.crawler.http.FetchResponse;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.roomwatch.crawler.schedule.MessageStep;
import org.roomwatch.media.ImageFingerprint;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.ImageRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hash and discard: every photo (and sticker) a new message carries is fetched into memory under the size cap,
 * hashed, and dropped; the message keeps only the hashes. A photo that cannot be fetched or decoded is marked with
 * the reason and logged by address; the crawl goes on. Nothing here writes a byte of an image anywhere.
 */
public final class PhotoHashing implements MessageStep {
    private static final Logger log = LoggerFactory.getLogger(PhotoHashing.class);

    private final PoliteFetcher fetcher;
    private final ImageHasher hasher;

    public PhotoHashing(PoliteFetcher fetcher, ImageHasher hasher) {
        this.fetcher = fetcher;
        this.hasher = hasher;
    }

    @Override
    public List<Message> apply(List<Message> messages) throws InterruptedException {
        Map<String, MediaRef> byUrl = new HashMap<>(); // an album or a repost can point at one address twice
        List<Message> out = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (message.media().stream().noneMatch(PhotoHashing::isPicture)) {
                out.add(message);
                continue;
            }
            List<MediaRef> media = new ArrayList<>(message.media().size());
            for (MediaRef ref : message.media()) {
                if (!isPicture(ref)) {
                    media.add(ref);
                    continue;
                }
                MediaRef done = byUrl.get(ref.url());
                if (done == null) {
                    done = hash(ref, message);
                    byUrl.put(ref.url(), done);
                }
                media.add(new MediaRef(ref.kind(), ref.url(), done.hashes(), done.unhashedReason()));
            }
            out.add(message.withMedia(media));
        }
        return out;
    }

    private static boolean isPicture(MediaRef ref) {
        // Only web addresses: an account's photos are hashed by the account source (or carry why they were not).
        return (ref.kind() == MediaKind.PHOTO || ref.kind() == MediaKind.STICKER) && ref.url() != null
                && (ref.url().startsWith("http://") || ref.url().startsWith("https://"))
                && ref.hashes() == null && ref.unhashedReason() == null;
    }

    private MediaRef hash(MediaRef ref, Message message) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(ref.url());
        } catch (IllegalArgumentException e) {
            return skip(ref, message, "unusable address");
        }
        long cap = hasher.decoder().limits().maxBytes();
        try {
            FetchResponse response = fetcher.get(uri, cap, "media.maxImageBytes");
            if (response.status() != 200) {
                return skip(ref, message, "fetch answered HTTP " + response.status());
            }
            ImageFingerprint f = hasher.hash(response.body(), false);
            return ref.withHashes(hashesOf(f));
        } catch (FetchException e) {
            return skip(ref, message, "fetch failed: " + e.getMessage());
        } catch (ImageRefusedException e) {
            return skip(ref, message, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug or an image that still exhausts memory within the limits: skip it, keep crawling.
            return skip(ref, message, "could not be hashed: " + e.getClass().getSimpleName());
        }
    }

    /** What a message keeps of a hashed photo: its digests, PDQ and shape. */
    public static ImageHashes hashesOf(ImageFingerprint f) {
        return new ImageHashes(f.digests().sha256(), f.digests().md5(), f.pdq().hex(), f.quality(), f.width(), f.height(),
                f.format().name(), f.bytes());
    }

    private static MediaRef skip(MediaRef ref, Message message, String reason) {
        log.info("Photo of {} not hashed ({}): {}", message.id(), ref.url(), reason);
        return ref.unhashed(reason);
    }
}
