package org.roomwatch.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.roomwatch.media.ImageRefusedException.Reason;

/**
 * Decodes an image held in memory, after checking what it would cost: the byte size first, then the format from the
 * first bytes, then width x height from the header, and only then the pixels. Only the first frame of a GIF is read.
 * Streams are memory-cached: ImageIO's default would spill to a temporary file, and no media byte may reach disk.
 */
public final class ImageDecoder {
    static {
        ImageIO.setUseCache(false);
    }

    private final DecodeLimits limits;

    public ImageDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    public DecodeLimits limits() {
        return limits;
    }

    public DecodedImage decode(byte[] bytes) throws ImageRefusedException {
        if (bytes.length == 0) {
            throw new ImageRefusedException(Reason.EMPTY, "the file is empty (0 bytes)");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRefusedException(Reason.TOO_MANY_BYTES, "the file has " + bytes.length
                    + " bytes; images over " + limits.maxBytes() + " bytes are not decoded");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new ImageRefusedException(Reason.NOT_AN_IMAGE, "not an image: " + ImageFormat.describeNonImage(bytes));
        }
        List<ImageReader> readers = readers(format);
        if (readers.isEmpty()) {
            throw new ImageRefusedException(Reason.UNSUPPORTED_FORMAT, "no decoder for " + format + " is installed");
        }
        ImageRefusedException firstFailure = null;
        for (ImageReader reader : readers) {
            try {
                BufferedImage image = read(reader, bytes, format);
                int orientation = format == ImageFormat.JPEG ? ExifOrientation.ofJpeg(bytes) : 1;
                return new DecodedImage(image, format, orientation);
            } catch (ImageRefusedException e) {
                if (e.reason() != Reason.CORRUPT) {
                    throw e;
                }
                if (firstFailure == null) {
                    firstFailure = e;
                }
            } finally {
                reader.dispose();
            }
        }
        throw firstFailure;
    }

    /**
     * The decoders for the format, the JDK's own first: PDQ's reference decodes with it, so hashes of JPEGs match the
     * reference bit for bit. Others (TwelveMonkeys) follow for what the JDK refuses, such as CMYK JPEGs.
     */
    private static List<ImageReader> readers(ImageFormat format) {
        List<ImageReader> jdk = new ArrayList<>();
        List<ImageReader> others = new ArrayList<>();
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName()); it.hasNext(); ) {
            ImageReader reader = it.next();
            (reader.getClass().getName().startsWith("com.sun.imageio.") ? jdk : others).add(reader);
        }
        jdk.addAll(others);
        return jdk;
    }

    private BufferedImage read(ImageReader reader, byte[] bytes, ImageFormat format) throws ImageRefusedException {
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new ImageRefusedException(Reason.CORRUPT, format + " header declares " + width + "x" + height + " pixels");
            }
            long pixels = (long) width * height;
            if (pixels > limits.maxPixels()) {
                throw new ImageRefusedException(Reason.TOO_MANY_PIXELS, format + " header declares " + width + "x" + height
                        + " = " + pixels + " pixels; images over " + limits.maxPixels() + " pixels are not decoded");
            }
            reader.addIIOReadWarningListener(new Warnings(warnings));
            BufferedImage image = reader.read(0);
            if (image == null) {
                throw new ImageRefusedException(Reason.CORRUPT, format + " decoder returned no image");
            }
            for (String warning : warnings) {
                // The JDK's JPEG decoder fills a truncated file with grey and only warns: hashing that would give a
                // hash of half a picture under the full picture's digest.
                if (warning.toLowerCase(java.util.Locale.ROOT).contains("premature end")) {
                    throw new ImageRefusedException(Reason.CORRUPT, format + " is truncated (" + warning + ")");
                }
            }
            return image;
        } catch (ImageRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageRefusedException(Reason.CORRUPT, format + " could not be decoded: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private record Warnings(List<String> into) implements IIOReadWarningListener {
        @Override
        public void warningOccurred(ImageReader source, String warning) {
            into.add(warning);
        }
    }
}
