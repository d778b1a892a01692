package org.roomwatch.crawler.http;

import java.net.URI;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.media.PhotoHashing.PhotoFetcher;
import org.roomwatch.media.PhotoHashing.PhotoUnavailableException;

/** Photos and videos at web addresses (t.me's pages), fetched politely into memory under the cap; the public crawl's photo source. */
public final class WebPhotos implements PhotoFetcher<RuntimeException> {
    private final PoliteFetcher fetcher;

    public WebPhotos(PoliteFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public boolean fetches(MediaRef ref) {
        // Only web addresses: an account's photos are fetched by the account source.
        return ref.url().startsWith("http://") || ref.url().startsWith("https://");
    }

    @Override
    public byte[] fetch(MediaRef ref, long maxBytes) throws PhotoUnavailableException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(ref.url());
        } catch (IllegalArgumentException e) {
            throw new PhotoUnavailableException("unusable address");
        }
        try {
            FetchResponse response = fetcher.get(uri, maxBytes,
                    ref.kind() == MediaKind.VIDEO ? "media.maxVideoBytes" : "media.maxImageBytes");
            if (response.status() != 200) {
                throw new PhotoUnavailableException("fetch answered HTTP " + response.status());
            }
            return response.body();
        } catch (FetchException e) {
            throw new PhotoUnavailableException("fetch failed: " + e.getMessage());
        }
    }
}
