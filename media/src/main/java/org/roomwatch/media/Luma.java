package org.roomwatch.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Y = 0.299 R + 0.587 G + 0.114 B as float, row-major. The common decoded layouts are read straight from the raster's
 * buffer; anything else goes through the colour model a row at a time ({@code getRGB}, what the reference uses per
 * pixel), so every layout gives the reference's values.
 */
public final class Luma {
    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;

    private Luma() {}

    public static float[] of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] luma = new float[Math.multiplyExact(width, height)];
        WritableRaster raster = image.getRaster();
        boolean plain = raster.getMinX() == 0 && raster.getMinY() == 0 && raster.getParent() == null;
        switch (plain ? image.getType() : BufferedImage.TYPE_CUSTOM) {
            case BufferedImage.TYPE_3BYTE_BGR -> fromBytes(raster, luma, width, height, 3, 2, 1, 0);
            case BufferedImage.TYPE_4BYTE_ABGR -> fromBytes(raster, luma, width, height, 4, 3, 2, 1);
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> fromInts(raster, luma, width, height, 16, 8, 0);
            case BufferedImage.TYPE_INT_BGR -> fromInts(raster, luma, width, height, 0, 8, 16);
            default -> viaColorModel(image, luma, width, height);
        }
        return luma;
    }

    private static void fromBytes(WritableRaster raster, float[] luma, int width, int height, int pixelStride,
                                  int rOffset, int gOffset, int bOffset) {
        if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
                || model.getPixelStride() != pixelStride) {
            throw new IllegalStateException("unexpected raster layout for a standard image type");
        }
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int scanline = model.getScanlineStride();
        for (int y = 0; y < height; y++) {
            int in = y * scanline;
            int out = y * width;
            for (int x = 0; x < width; x++, in += pixelStride) {
                int r = data[in + rOffset] & 0xff;
                int g = data[in + gOffset] & 0xff;
                int b = data[in + bOffset] & 0xff;
                luma[out + x] = R * r + G * g + B * b;
            }
        }
    }

    private static void fromInts(WritableRaster raster, float[] luma, int width, int height, int rShift, int gShift, int bShift) {
        int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
        int scanline = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
        for (int y = 0; y < height; y++) {
            int in = y * scanline;
            int out = y * width;
            for (int x = 0; x < width; x++) {
                int p = data[in + x];
                luma[out + x] = R * ((p >> rShift) & 0xff) + G * ((p >> gShift) & 0xff) + B * ((p >> bShift) & 0xff);
            }
        }
    }

    private static void viaColorModel(BufferedImage image, float[] luma, int width, int height) {
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int out = y * width;
            for (int x = 0; x < width; x++) {
                int p = row[x];
                luma[out + x] = R * ((p >> 16) & 0xff) + G * ((p >> 8) & 0xff) + B * (p & 0xff);
            }
        }
    }
}
