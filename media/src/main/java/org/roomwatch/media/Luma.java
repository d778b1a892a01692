package org.roomwatch.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Y = 0.299 R + 0.587 G + 0.114 B as float. The common decoded layouts are read straight from the raster's buffer;
 * anything else goes through the colour model a row at a time ({@code getRGB}, what the reference uses per pixel),
 * so every layout gives the reference's values.
 */
public final class Luma {
    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;

    private Luma() {}

    /**
     * Luma of packed 8-bit RGB rows (a decoded video frame): {@code stride} bytes from one row to the next, read in
     * place without a copy of the frame.
     */
    public static LumaRows rgb24(java.nio.ByteBuffer pixels, int width, int height, int stride) {
        if (width < 1 || height < 1 || stride < width * 3 || pixels.capacity() < (long) stride * (height - 1) + width * 3L) {
            throw new IllegalArgumentException("an RGB frame of " + width + "x" + height + " with stride " + stride + " does not fit "
                    + pixels.capacity() + " bytes");
        }
        return new LumaRows() {
            public int width() {
                return width;
            }

            public int height() {
                return height;
            }

            public void row(int y, float[] out) {
                int in = y * stride;
                for (int x = 0; x < width; x++, in += 3) {
                    out[x] = R * (pixels.get(in) & 0xff) + G * (pixels.get(in + 1) & 0xff) + B * (pixels.get(in + 2) & 0xff);
                }
            }
        };
    }

    /** The whole image's luma, row-major. */
    public static float[] of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] luma = new float[Math.multiplyExact(width, height)];
        LumaRows rows = rows(image);
        float[] row = new float[width];
        for (int y = 0; y < height; y++) {
            rows.row(y, row);
            System.arraycopy(row, 0, luma, y * width, width);
        }
        return luma;
    }

    /** The image's luma a row at a time, read from the raster when its layout is a standard one. */
    public static LumaRows rows(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        boolean plain = raster.getMinX() == 0 && raster.getMinY() == 0 && raster.getParent() == null;
        return switch (plain ? image.getType() : BufferedImage.TYPE_CUSTOM) {
            case BufferedImage.TYPE_3BYTE_BGR -> bytes(image, 3, 2, 1, 0);
            case BufferedImage.TYPE_4BYTE_ABGR -> bytes(image, 4, 3, 2, 1);
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> ints(image, 16, 8, 0);
            case BufferedImage.TYPE_INT_BGR -> ints(image, 0, 8, 16);
            default -> viaColorModel(image);
        };
    }

    private abstract static class Rows implements LumaRows {
        final int width;
        final int height;

        Rows(BufferedImage image) {
            this.width = image.getWidth();
            this.height = image.getHeight();
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }
    }

    private static LumaRows bytes(BufferedImage image, int pixelStride, int rOffset, int gOffset, int bOffset) {
        WritableRaster raster = image.getRaster();
        if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel model) || model.getPixelStride() != pixelStride) {
            return viaColorModel(image);
        }
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int scanline = model.getScanlineStride();
        return new Rows(image) {
            public void row(int y, float[] out) {
                int in = y * scanline;
                for (int x = 0; x < width; x++, in += pixelStride) {
                    out[x] = R * (data[in + rOffset] & 0xff) + G * (data[in + gOffset] & 0xff) + B * (data[in + bOffset] & 0xff);
                }
            }
        };
    }

    private static LumaRows ints(BufferedImage image, int rShift, int gShift, int bShift) {
        WritableRaster raster = image.getRaster();
        int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
        int scanline = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
        return new Rows(image) {
            public void row(int y, float[] out) {
                int in = y * scanline;
                for (int x = 0; x < width; x++) {
                    int p = data[in + x];
                    out[x] = R * ((p >> rShift) & 0xff) + G * ((p >> gShift) & 0xff) + B * ((p >> bShift) & 0xff);
                }
            }
        };
    }

    private static LumaRows viaColorModel(BufferedImage image) {
        return new Rows(image) {
            private int[] rgb;

            public void row(int y, float[] out) {
                if (rgb == null) {
                    rgb = new int[width];
                }
                image.getRGB(0, y, width, 1, rgb, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = rgb[x];
                    out[x] = R * ((p >> 16) & 0xff) + G * ((p >> 8) & 0xff) + B * (p & 0xff);
                }
            }
        };
    }
}
