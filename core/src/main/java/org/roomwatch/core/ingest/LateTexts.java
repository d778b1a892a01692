package org.roomwatch.core.ingest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.roomwatch.core.ImageText;

/**
 * The text of pictures still being read when their messages were stored (marked {@code pending}): the store hands
 * each over once to whoever updates the stored message when it is read, so OCR never holds up a crawl.
 */
public interface LateTexts {
    /** The text of the picture at {@code url} once read, handed over once; empty when nothing is pending for it. */
    Optional<CompletableFuture<ImageText>> claim(String url);
}
