package org.roomwatch.media.hashlist;

/** What a listed hash is: a PDQ hash (near-duplicate matching), or a digest of the file's exact bytes. */
public enum HashKind {
    PDQ(64), MD5(32), SHA256(64);

    private final int hexDigits;

    HashKind(int hexDigits) {
        this.hexDigits = hexDigits;
    }

    public int hexDigits() {
        return hexDigits;
    }
}
