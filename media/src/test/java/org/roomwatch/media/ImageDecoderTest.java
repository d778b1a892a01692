package org.roomwatch.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.roomwatch.media.ImageRefusedException.Reason;

class ImageDecoderTest {
    private final ImageHasher hasher = new ImageHasher(DecodeLimits.DEFAULT);

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ImageDecoderTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private ImageRefusedException refused(byte[] bytes) {
        return assertThrows(ImageRefusedException.class, () -> hasher.hash(bytes, false));
    }

    @Test
    void zeroBytes() {
        ImageRefusedException e = refused(new byte[0]);
        assertEquals(Reason.EMPTY, e.reason());
        assertEquals("the file is empty (0 bytes)", e.getMessage());
    }

    @Test
    void htmlServedAsAJpegIsNotAnImage() {
        byte[] html = "\n<!DOCTYPE html><html><body>404 Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
        ImageRefusedException e = refused(html);
        assertEquals(Reason.NOT_AN_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("looks like HTML"), e.getMessage());
        assertFalse(e.getMessage().contains("DOCTYPE"), "the refusal never quotes the content");
    }

    @Test
    void aThirtyMegabytePhotoIsRefusedBeforeDecoding() throws IOException {
        byte[] big = Arrays.copyOf(TestImages.encode(TestImages.picture(64, 64, 1), "jpg"), 30 * 1024 * 1024);
        ImageRefusedException e = refused(big);
        assertEquals(Reason.TOO_MANY_BYTES, e.reason());
        assertTrue(e.getMessage().contains("31457280 bytes"), e.getMessage());
    }

    @Test
    void aPngDeclaring100000By100000PixelsIsRefusedFromItsHeader() {
        ImageRefusedException e = refused(TestImages.pngHeaderOnly(100_000, 100_000));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertEquals("PNG header declares 100000x100000 = 10000000000 pixels; images over 50000000 pixels are not decoded", e.getMessage());
    }

    @Test
    void truncatedJpegAndPngAreCorruptNotFatal() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.picture(400, 300, 2), "jpg");
        ImageRefusedException j = refused(Arrays.copyOf(jpeg, jpeg.length / 2));
        assertEquals(Reason.CORRUPT, j.reason(), j.getMessage());
        byte[] png = TestImages.encode(TestImages.picture(400, 300, 2), "png");
        ImageRefusedException p = refused(Arrays.copyOf(png, png.length / 2));
        assertEquals(Reason.CORRUPT, p.reason(), p.getMessage());
        byte[] garbage = Arrays.copyOf(png, png.length);
        for (int i = 100; i < garbage.length - 20; i++) {
            garbage[i] = (byte) (i * 31);
        }
        assertEquals(Reason.CORRUPT, refused(garbage).reason());
        // The hasher is still usable afterwards.
        assertEquals(400, assertDoesNotThrow(jpeg).width());
    }

    private ImageFingerprint assertDoesNotThrow(byte[] bytes) {
        try {
            return hasher.hash(bytes, false);
        } catch (ImageRefusedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void gifIsHashedFromItsFirstFrame() throws Exception {
        BufferedImage first = TestImages.picture(120, 90, 3);
        BufferedImage second = TestImages.picture(120, 90, 4);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(first), null)), null);
            writer.writeToSequence(new IIOImage(second, null, writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(second), null)), null);
            writer.endWriteSequence();
        }
        ImageFingerprint gif = hasher.hash(bytes.toByteArray(), false);
        assertEquals(ImageFormat.GIF, gif.format());
        PdqHash firstFrame = hasher.hash(TestImages.encode(first, "png"), false).pdq();
        PdqHash secondFrame = hasher.hash(TestImages.encode(second, "png"), false).pdq();
        assertTrue(gif.pdq().distance(firstFrame) <= 31, "GIF (256 colours) is the first frame: " + gif.pdq().distance(firstFrame));
        assertTrue(gif.pdq().distance(secondFrame) > 31, "and not the second: " + gif.pdq().distance(secondFrame));
    }

    @Test
    void webpIsDecodedLosslessExactlyAndLossyClosely() throws Exception {
        ImageFingerprint lossless = hasher.hash(resource("/images/img-0002-lossless.webp"), false);
        assertEquals(ImageFormat.WEBP, lossless.format());
        ImageFingerprint png = hasher.hash(resource("/pdq/img-0002.png"), false);
        assertEquals(png.pdq(), lossless.pdq());
        assertEquals(png.quality(), lossless.quality());
        ImageFingerprint lossy = hasher.hash(resource("/images/img-0004-lossy.webp"), false);
        int distance = lossy.pdq().distance(hasher.hash(resource("/pdq/img-0004.png"), false).pdq());
        assertTrue(distance <= 31, "lossy WebP is the same picture: " + distance);
    }

    @Test
    void exifOrientationIsAppliedBeforeHashing() throws Exception {
        BufferedImage stored = TestImages.picture(320, 200, 5);
        byte[] jpeg = TestImages.encode(stored, "jpg");
        PdqHash displayed = hasher.hash(TestImages.encode(TestImages.rotateClockwise(stored), "png"), false).pdq();
        for (boolean little : new boolean[] {true, false}) {
            byte[] rotatedByExif = TestImages.withExifOrientation(jpeg, 6, little);
            assertEquals(6, ExifOrientation.ofJpeg(rotatedByExif));
            ImageFingerprint f = hasher.hash(rotatedByExif, false);
            assertEquals(200, f.width());
            assertEquals(320, f.height());
            assertTrue(f.pdq().distance(displayed) <= 20, "oriented like the displayed photo: " + f.pdq().distance(displayed));
        }
        PdqHash unrotated = hasher.hash(jpeg, false).pdq();
        assertTrue(unrotated.distance(displayed) > 31, "without the tag it would not match: " + unrotated.distance(displayed));
    }

    @Test
    void everyExifOrientationMapsPixelsLikeTheStandardSays() {
        // 3x2 image with distinct values; displayed forms written out by hand from the EXIF specification.
        float[] luma = {1, 2, 3, 4, 5, 6};
        assertOriented(luma, 1, 3, 2, new float[] {1, 2, 3, 4, 5, 6});
        assertOriented(luma, 2, 3, 2, new float[] {3, 2, 1, 6, 5, 4});
        assertOriented(luma, 3, 3, 2, new float[] {6, 5, 4, 3, 2, 1});
        assertOriented(luma, 4, 3, 2, new float[] {4, 5, 6, 1, 2, 3});
        assertOriented(luma, 5, 2, 3, new float[] {1, 4, 2, 5, 3, 6});
        assertOriented(luma, 6, 2, 3, new float[] {4, 1, 5, 2, 6, 3});
        assertOriented(luma, 7, 2, 3, new float[] {6, 3, 5, 2, 4, 1});
        assertOriented(luma, 8, 2, 3, new float[] {3, 6, 2, 5, 1, 4});
    }

    private static void assertOriented(float[] luma, int orientation, int width, int height, float[] expected) {
        ExifOrientation.Oriented o = ExifOrientation.apply(luma, 3, 2, orientation);
        assertEquals(width, o.width(), "width for " + orientation);
        assertEquals(height, o.height(), "height for " + orientation);
        assertTrue(Arrays.equals(expected, o.luma()), "orientation " + orientation + ": " + Arrays.toString(o.luma()));
    }

    @Test
    void brokenExifIsIgnoredNotFatal() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.picture(50, 40, 6), "jpg");
        byte[] broken = TestImages.withExifOrientation(jpeg, 6, false);
        broken[12] = 'X'; // the TIFF byte-order mark: SOI(2) + APP1 marker(2) + length(2) + "Exif\0\0"(6)
        assertEquals(1, ExifOrientation.ofJpeg(broken));
        assertEquals(50, assertDoesNotThrow(broken).width());
        assertEquals(1, ExifOrientation.ofJpeg(Arrays.copyOf(jpeg, 10)));
    }

    @Test
    void everyRasterLayoutGivesTheColourModelsLuma() {
        BufferedImage source = TestImages.picture(37, 23, 7);
        int[] types = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_565_RGB, BufferedImage.TYPE_4BYTE_ABGR_PRE};
        for (int type : types) {
            BufferedImage image = new BufferedImage(37, 23, type);
            image.createGraphics().drawImage(source, 0, 0, null);
            float[] expected = new float[37 * 23];
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    int p = image.getRGB(x, y);
                    expected[y * 37 + x] = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
                }
            }
            assertTrue(Arrays.equals(expected, Luma.of(image)), "type " + type);
        }
        // A sub-image shares its parent's buffer with an offset: it must not be read as if it started at 0.
        BufferedImage sub = source.getSubimage(5, 4, 20, 10);
        float[] expected = new float[200];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                int p = sub.getRGB(x, y);
                expected[y * 20 + x] = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
            }
        }
        assertTrue(Arrays.equals(expected, Luma.of(sub)));
    }
}
