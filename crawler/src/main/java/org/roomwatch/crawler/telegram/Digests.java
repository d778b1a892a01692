package org.roomwatch.crawler.telegram;

import org.roomwatch.core.text.Sha256;

/** SHA-256 of the raw payload a record was parsed from: the evidence that ties the record to what was seen. */
public final class Digests {
    private Digests() {}

    public static String sha256(String text) {
        return Sha256.hex(text);
    }

    public static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
