package org.roomwatch.media;

import java.awt.image.BufferedImage;

/** Pixels as decoded (not yet oriented), the container format, and the EXIF orientation to apply (1 = none). */
public record DecodedImage(BufferedImage image, ImageFormat format, int orientation) {}
