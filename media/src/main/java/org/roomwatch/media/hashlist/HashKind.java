package org.roomwatch.media.hashlist;

/**
 * What a listed hash is: a PDQ hash (near-duplicate matching), a digest of the file's exact bytes, or a video's vPDQ
 * (its value the SHA-256 of the vPDQ's lines, which identifies it; the frames come with the entry).
 */
public enum HashKind {
    PDQ(64), MD5(32), SHA256(64), VPDQ(64);

    private final int hexDigits;

    HashKind(int hexDigits) {
        this.hexDigits = hexDigits;
    }

    public int hexDigits() {
        return hexDigits;
    }
}
