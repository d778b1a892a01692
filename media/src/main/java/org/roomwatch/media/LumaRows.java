package org.roomwatch.media;

/** Luma delivered a row at a time, so a big image never needs a second full-size float copy. */
public interface LumaRows {
    int width();

    int height();

    /** Writes row {@code y} (0-based, top first) into {@code out[0..width)}. */
    void row(int y, float[] out);

    static LumaRows of(float[] luma, int width, int height) {
        if (luma.length < (long) width * height) {
            throw new IllegalArgumentException("luma of " + width + "x" + height + " needs " + (long) width * height + " values");
        }
        return new LumaRows() {
            public int width() {
                return width;
            }

            public int height() {
                return height;
            }

            public void row(int y, float[] out) {
                System.arraycopy(luma, y * width, out, 0, width);
            }
        };
    }
}
