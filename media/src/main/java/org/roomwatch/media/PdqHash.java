package org.roomwatch.media;

import java.util.Locale;

/**
 * A 256-bit PDQ hash. {@code w0} holds the first 16 hex digits of the canonical form (64 lowercase hex digits,
 * PDQ's word 15 first), {@code w3} the last 16. Bit {@code 16*i + j} of PDQ (DCT row i, column j) is bit
 * {@code j} of PDQ word {@code i}.
 */
public record PdqHash(long w0, long w1, long w2, long w3) {
    public static final int BITS = 256;
    /** PDQ's matching threshold: hashes this close or closer are the same picture. */
    public static final int MATCH_DISTANCE = 31;
    /** Hashes of lower quality are too weak to match on (flat or nearly blank images). */
    public static final int MIN_QUALITY = 50;

    /** Parses 64 hex digits (either case, surrounding blanks ignored), or explains precisely what is wrong. */
    public static PdqHash fromHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("a PDQ hash is required");
        }
        String h = hex.strip();
        if (h.length() != 64) {
            throw new IllegalArgumentException("a PDQ hash is 64 hex digits; got " + h.length() + " characters");
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("a PDQ hash is 64 hex digits; character " + (i + 1) + " ['"
                        + h.charAt(i) + "'] is not a hex digit");
            }
        }
        return new PdqHash(Long.parseUnsignedLong(h.substring(0, 16), 16), Long.parseUnsignedLong(h.substring(16, 32), 16),
                Long.parseUnsignedLong(h.substring(32, 48), 16), Long.parseUnsignedLong(h.substring(48, 64), 16));
    }

    /** From PDQ's sixteen 16-bit words (word 0 holds bits 0..15). */
    static PdqHash fromWords(int[] words) {
        long[] w = new long[4];
        for (int group = 0; group < 16; group++) {
            w[group / 4] |= (long) (words[15 - group] & 0xFFFF) << ((3 - group % 4) * 16);
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }

    public String hex() {
        return String.format(Locale.ROOT, "%016x%016x%016x%016x", w0, w1, w2, w3);
    }

    /** Hamming distance: how many of the 256 bits differ. */
    public int distance(PdqHash other) {
        return Long.bitCount(w0 ^ other.w0) + Long.bitCount(w1 ^ other.w1)
                + Long.bitCount(w2 ^ other.w2) + Long.bitCount(w3 ^ other.w3);
    }

    /** The 16-bit chunk at hex group {@code index} (0..15, in the order of the hex form). */
    public int chunk(int index) {
        return (int) (word(index / 4) >>> ((3 - index % 4) * 16)) & 0xFFFF;
    }

    /** This hash with one bit flipped; bit 0 is the last bit of the hex form. */
    public PdqHash flip(int bit) {
        if (bit < 0 || bit >= BITS) {
            throw new IllegalArgumentException("bit " + bit + " is outside 0..255");
        }
        long mask = 1L << (bit % 64);
        return switch (3 - bit / 64) {
            case 0 -> new PdqHash(w0 ^ mask, w1, w2, w3);
            case 1 -> new PdqHash(w0, w1 ^ mask, w2, w3);
            case 2 -> new PdqHash(w0, w1, w2 ^ mask, w3);
            default -> new PdqHash(w0, w1, w2, w3 ^ mask);
        };
    }

    private long word(int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
    }

    @Override
    public String toString() {
        return hex();
    }
}
