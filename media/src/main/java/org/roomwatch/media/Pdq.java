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
        return hash(Luma.rows(image));
    }

    public DihedralHashes dihedral(BufferedImage image) {
        return dihedral(Luma.rows(image));
    }

    public PdqResult hash(LumaRows luma) {
        Transformed t = transform(luma);
        return new PdqResult(bits(t.dct16), t.quality);
    }

    /** From row-major luma of {@code rows x cols} (left unchanged). */
    public PdqResult hash(float[] luma, int rows, int cols) {
        return hash(LumaRows.of(luma, cols, rows));
    }

    public DihedralHashes dihedral(float[] luma, int rows, int cols) {
        return dihedral(LumaRows.of(luma, cols, rows));
    }

    /** All eight dihedral hashes from one DCT, by sign changes and transposition of its coefficients. */
    public DihedralHashes dihedral(LumaRows luma) {
        Transformed t = transform(luma);
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

    /**
     * Blur and decimate to 64x64, streamed. The reference filters the whole image four times (rows, columns, rows,
     * columns) and then keeps 4096 values. Here each luma row is filtered along the row as it is read; the first
     * column pass keeps running sums over a ring of just the rows its window spans; the second row pass keeps only
     * the 64 sampled columns; and the second column pass runs on those 64 columns alone. Every kept value goes
     * through the same float operations in the same order as in the reference, so the result is bit-identical, at a
     * fraction of the memory traffic and without two image-sized buffers.
     */
    private Transformed transform(LumaRows source) {
        int rows = source.height();
        int cols = source.width();
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("an image of " + cols + "x" + rows + " pixels cannot be hashed");
        }
        int windowAlongRows = (cols + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
        int windowAlongCols = (rows + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
        int[] sampleRows = new int[64];
        int[] sampleCols = new int[64];
        for (int i = 0; i < 64; i++) {
            sampleRows[i] = (int) (((i + 0.5) * rows) / 64);
            sampleCols[i] = (int) (((i + 0.5) * cols) / 64);
        }
        float[][] sampled = new float[64][rows]; // second row pass, at the sampled columns only
        new FirstPasses(source, windowAlongRows, windowAlongCols, sampleCols, sampled).run();
        float[] column = new float[rows];
        float[] small = new float[64 * 64];
        for (int j = 0; j < 64; j++) {
            box(sampled[j], column, 0, rows, 1, windowAlongCols);
            for (int i = 0; i < 64; i++) {
                small[i * 64 + j] = column[sampleRows[i]];
            }
        }
        return new Transformed(dct64To16(small), quality(small));
    }

    /** Row pass, column pass and second row pass, one image row at a time. */
    private static final class FirstPasses {
        private final LumaRows source;
        private final int cols;
        private final int rows;
        private final int windowAlongRows;
        private final int windowAlongCols;
        private final int[] sampleCols;
        private final float[][] sampled;
        private final float[][] ring;
        private final float[] lumaRow;
        private final float[] sums;
        private final float[] columnOut;
        private final float[] rowOut;
        private int nextRow;

        FirstPasses(LumaRows source, int windowAlongRows, int windowAlongCols, int[] sampleCols, float[][] sampled) {
            this.source = source;
            this.cols = source.width();
            this.rows = source.height();
            this.windowAlongRows = windowAlongRows;
            this.windowAlongCols = windowAlongCols;
            this.sampleCols = sampleCols;
            this.sampled = sampled;
            this.ring = new float[windowAlongCols + 1][cols];
            this.lumaRow = new float[cols];
            this.sums = new float[cols];
            this.columnOut = new float[cols];
            this.rowOut = new float[cols];
        }

        /** Row {@code r} after the first row pass; rows are produced in order and kept while a window needs them. */
        private float[] filteredRow(int r) {
            float[] slot = ring[r % ring.length];
            if (r == nextRow) {
                source.row(r, lumaRow);
                box(lumaRow, slot, 0, cols, 1, windowAlongRows);
                nextRow++;
            }
            return slot;
        }

        /** The column pass's output row {@code r}, filtered along the row again; only the sampled columns are kept. */
        private void emit(int r, int count) {
            for (int c = 0; c < cols; c++) {
                columnOut[c] = sums[c] / count;
            }
            box(columnOut, rowOut, 0, cols, 1, windowAlongRows);
            for (int j = 0; j < 64; j++) {
                sampled[j][r] = rowOut[sampleCols[j]];
            }
        }

        void run() {
            int window = windowAlongCols;
            int half = (window + 2) / 2;
            int phase1 = half - 1;
            int phase2 = window - half + 1;
            int phase3 = rows - window;
            int phase4 = half - 1;
            int current = 0;
            int ri = 0;
            int li = 0;
            int oi = 0;
            for (int i = 0; i < phase1; i++, ri++) {
                add(filteredRow(ri));
                current++;
            }
            for (int i = 0; i < phase2; i++, ri++, oi++) {
                add(filteredRow(ri));
                current++;
                emit(oi, current);
            }
            for (int i = 0; i < phase3; i++, ri++, li++, oi++) {
                add(filteredRow(ri));
                subtract(filteredRow(li));
                emit(oi, current);
            }
            for (int i = 0; i < phase4; i++, li++, oi++) {
                subtract(filteredRow(li));
                current--;
                emit(oi, current);
            }
        }

        private void add(float[] row) {
            for (int c = 0; c < cols; c++) {
                sums[c] += row[c];
            }
        }

        private void subtract(float[] row) {
            for (int c = 0; c < cols; c++) {
                sums[c] -= row[c];
            }
        }
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
