package org.roomwatch.media;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * PDQ, Meta's perceptual image hash, written here from the published algorithm: float luma, two passes of a Jarosz
 * box filter (rows, then columns) with a window of ceil(dimension/128), decimation to 64x64, a 16x16 slice of the
 * 2-D DCT (DC skipped), and one bit per coefficient: set when it is above the median. Every float operation happens
 * in the reference's order, so hashes are bit-identical to it. Thread-safe; one instance can serve every caller.
 */
public final class Pdq {
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;
    private static final int WINDOW_DIVISOR = 128;
    private static final int FILTER_PASSES = 2;

    /** D[i][j] = sqrt(2/64) cos(pi/128 (i+1)(2j+1)), i in 0..15, j in 0..63; row-major. */
    private final float[] dct = new float[16 * 64];

    public Pdq() {
        float scale = (float) Math.sqrt(2.0 / 64.0);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 64; j++) {
                dct[i * 64 + j] = (float) (scale * Math.cos((Math.PI / 2 / 64.0) * (i + 1) * (2 * j + 1)));
            }
        }
    }

    public PdqResult hash(BufferedImage image) {
        return hash(Luma.of(image), image.getHeight(), image.getWidth());
    }

    public DihedralHashes dihedral(BufferedImage image) {
        return dihedral(Luma.of(image), image.getHeight(), image.getWidth());
    }

    /** From row-major luma of {@code rows x cols}; the array is overwritten (it is the filter's work buffer). */
    public PdqResult hash(float[] luma, int rows, int cols) {
        Transformed t = transform(luma, rows, cols);
        return new PdqResult(bits(t.dct16), t.quality);
    }

    /** All eight dihedral hashes from one DCT, by sign changes and transposition of its coefficients. */
    public DihedralHashes dihedral(float[] luma, int rows, int cols) {
        Transformed t = transform(luma, rows, cols);
        float[] a = t.dct16;
        float[] b = new float[256];
        Map<Dihedral, PdqHash> hashes = new EnumMap<>(Dihedral.class);
        hashes.put(Dihedral.ORIGINAL, bits(a));
        for (Dihedral d : Dihedral.values()) {
            if (d == Dihedral.ORIGINAL) {
                continue;
            }
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 16; j++) {
                    float v = a[i * 16 + j];
                    switch (d) {
                        case ROTATE_90 -> b[j * 16 + i] = (j & 1) != 0 ? v : -v;
                        case ROTATE_180 -> b[i * 16 + j] = ((i + j) & 1) != 0 ? -v : v;
                        case ROTATE_270 -> b[j * 16 + i] = (i & 1) != 0 ? v : -v;
                        case FLIP_X -> b[i * 16 + j] = (i & 1) != 0 ? v : -v;
                        case FLIP_Y -> b[i * 16 + j] = (j & 1) != 0 ? v : -v;
                        case FLIP_PLUS_1 -> b[j * 16 + i] = v;
                        case FLIP_MINUS_1 -> b[j * 16 + i] = ((i + j) & 1) != 0 ? -v : v;
                        default -> throw new IllegalStateException(d.name());
                    }
                }
            }
            hashes.put(d, bits(b));
        }
        return new DihedralHashes(hashes, t.quality);
    }

    private record Transformed(float[] dct16, int quality) {}

    private Transformed transform(float[] luma, int rows, int cols) {
        if (rows < 1 || cols < 1 || luma.length < rows * cols) {
            throw new IllegalArgumentException("luma of " + rows + "x" + cols + " needs " + (long) rows * cols + " values");
        }
        float[] work = new float[rows * cols];
        int windowAlongRows = (cols + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
        int windowAlongCols = (rows + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
        for (int pass = 0; pass < FILTER_PASSES; pass++) {
            for (int r = 0; r < rows; r++) {
                box(luma, work, r * cols, cols, 1, windowAlongRows);
            }
            boxColumns(work, luma, rows, cols, windowAlongCols);
        }
        float[] small = new float[64 * 64];
        for (int i = 0; i < 64; i++) {
            int from = (int) (((i + 0.5) * rows) / 64);
            for (int j = 0; j < 64; j++) {
                small[i * 64 + j] = luma[from * cols + (int) (((j + 0.5) * cols) / 64)];
            }
        }
        return new Transformed(dct64To16(small), quality(small));
    }

    /**
     * A box filter along one line: running sums, the window growing at the start and shrinking at the end, each
     * output the mean of what is in the window. The same four phases as the reference.
     */
    private static void box(float[] in, float[] out, int offset, int length, int stride, int window) {
        int half = (window + 2) / 2;
        int phase1 = half - 1;
        int phase2 = window - half + 1;
        int phase3 = length - window;
        int phase4 = half - 1;
        int li = offset;
        int ri = offset;
        int oi = offset;
        float sum = 0.0f;
        int current = 0;
        for (int i = 0; i < phase1; i++) {
            sum += in[ri];
            current++;
            ri += stride;
        }
        for (int i = 0; i < phase2; i++) {
            sum += in[ri];
            current++;
            out[oi] = sum / current;
            ri += stride;
            oi += stride;
        }
        for (int i = 0; i < phase3; i++) {
            sum += in[ri];
            sum -= in[li];
            out[oi] = sum / current;
            li += stride;
            ri += stride;
            oi += stride;
        }
        for (int i = 0; i < phase4; i++) {
            sum -= in[li];
            current--;
            out[oi] = sum / current;
            li += stride;
            oi += stride;
        }
    }

    /**
     * The column pass, run on all columns at once row by row (the same arithmetic per column as {@link #box} with a
     * stride, in the same order), so memory is read sequentially instead of one cache line per pixel.
     */
    private static void boxColumns(float[] in, float[] out, int rows, int cols, int window) {
        int half = (window + 2) / 2;
        int phase1 = half - 1;
        int phase2 = window - half + 1;
        int phase3 = rows - window;
        int phase4 = half - 1;
        float[] sums = new float[cols];
        int current = 0;
        int ri = 0;
        int li = 0;
        int oi = 0;
        for (int i = 0; i < phase1; i++, ri++) {
            addRow(sums, in, ri * cols, cols);
            current++;
        }
        for (int i = 0; i < phase2; i++, ri++, oi++) {
            addRow(sums, in, ri * cols, cols);
            current++;
            divideInto(out, oi * cols, sums, current);
        }
        for (int i = 0; i < phase3; i++, ri++, li++, oi++) {
            addRow(sums, in, ri * cols, cols);
            subtractRow(sums, in, li * cols, cols);
            divideInto(out, oi * cols, sums, current);
        }
        for (int i = 0; i < phase4; i++, li++, oi++) {
            subtractRow(sums, in, li * cols, cols);
            current--;
            divideInto(out, oi * cols, sums, current);
        }
    }

    private static void addRow(float[] sums, float[] in, int offset, int cols) {
        for (int c = 0; c < cols; c++) {
            sums[c] += in[offset + c];
        }
    }

    private static void subtractRow(float[] sums, float[] in, int offset, int cols) {
        for (int c = 0; c < cols; c++) {
            sums[c] -= in[offset + c];
        }
    }

    private static void divideInto(float[] out, int offset, float[] sums, int count) {
        for (int c = 0; c < sums.length; c++) {
            out[offset + c] = sums[c] / count;
        }
    }

    /** Sum of significant gradients between neighbours of the 64x64 luma, scaled to 0..100. */
    private static int quality(float[] small) {
        int gradientSum = 0;
        for (int i = 0; i < 63; i++) {
            for (int j = 0; j < 64; j++) {
                gradientSum += Math.abs((int) (((small[i * 64 + j] - small[(i + 1) * 64 + j]) * 100) / 255));
            }
        }
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 63; j++) {
                gradientSum += Math.abs((int) (((small[i * 64 + j] - small[i * 64 + j + 1]) * 100) / 255));
            }
        }
        return Math.min(100, gradientSum / 90);
    }

    /** B = D A D^T, only the 16x16 coefficients PDQ keeps; sums in the reference's order (k ascending). */
    private float[] dct64To16(float[] a) {
        float[] t = new float[16 * 64];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 64; j++) {
                float sum = 0.0f;
                for (int k = 0; k < 64; k++) {
                    sum += dct[i * 64 + k] * a[k * 64 + j];
                }
                t[i * 64 + j] = sum;
            }
        }
        float[] b = new float[16 * 16];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                float sum = 0.0f;
                for (int k = 0; k < 64; k++) {
                    sum += t[i * 64 + k] * dct[j * 64 + k];
                }
                b[i * 16 + j] = sum;
            }
        }
        return b;
    }

    /** Bit 16i+j is set where coefficient (i, j) is above the median (the 128th smallest of the 256). */
    private static PdqHash bits(float[] coefficients) {
        float[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        float median = sorted[127];
        int[] words = new int[16];
        for (int k = 0; k < 256; k++) {
            if (coefficients[k] > median) {
                words[k >> 4] |= 1 << (k & 15);
            }
        }
        return PdqHash.fromWords(words);
    }
}
