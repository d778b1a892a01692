package org.roomwatch.core.search;

/** A PDQ hash's 256 bits as four longs, for comparing many hashes without parsing each time. */
public final class PdqBits {
    private PdqBits() {}

    /** The bits of 64 hex digits. */
    public static long[] of(String hex) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = Long.parseUnsignedLong(hex.substring(16 * i, 16 * i + 16), 16);
        }
        return out;
    }

    /** The Hamming distance of two hashes. */
    public static int distance(long[] a, long[] b) {
        return Long.bitCount(a[0] ^ b[0]) + Long.bitCount(a[1] ^ b[1]) + Long.bitCount(a[2] ^ b[2]) + Long.bitCount(a[3] ^ b[3]);
    }
}
