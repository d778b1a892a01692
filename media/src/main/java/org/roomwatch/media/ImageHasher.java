package org.roomwatch.media;

import java.awt.image.BufferedImage;

/**
 * Bytes in, fingerprint out: digests of the bytes as given, then decode (within limits), orient by EXIF, PDQ. The
 * caller drops the bytes afterwards; nothing here keeps or writes them.
 */
public final class ImageHasher {
    private final ImageDecoder decoder;
    private final Pdq pdq = new Pdq();

    public ImageHasher(DecodeLimits limits) {
        this.decoder = new ImageDecoder(limits);
    }

    public ImageFingerprint hash(byte[] bytes, boolean withDihedral) throws ImageRefusedException {
        MediaDigests digests = MediaDigests.of(bytes);
        DecodedImage decoded = decoder.decode(bytes);
        return fingerprint(decoded, digests, bytes.length, withDihedral);
    }

    /** PDQ and shape of an already decoded image (separate so the benchmark can time decoding and hashing apart). */
    public ImageFingerprint fingerprint(DecodedImage decoded, MediaDigests digests, long size, boolean withDihedral) {
        BufferedImage image = decoded.image();
        LumaRows luma;
        if (decoded.orientation() <= 1) {
            luma = Luma.rows(image);
        } else {
            // Rotated photos are rare enough that a full oriented copy of the luma is fine.
            ExifOrientation.Oriented oriented = ExifOrientation.apply(Luma.of(image), image.getWidth(), image.getHeight(),
                    decoded.orientation());
            luma = LumaRows.of(oriented.luma(), oriented.width(), oriented.height());
        }
        if (withDihedral) {
            DihedralHashes all = pdq.dihedral(luma);
            return new ImageFingerprint(digests, all.get(Dihedral.ORIGINAL), all.quality(), luma.width(), luma.height(),
                    decoded.format(), size, all);
        }
        PdqResult result = pdq.hash(luma);
        return new ImageFingerprint(digests, result.hash(), result.quality(), luma.width(), luma.height(),
                decoded.format(), size, null);
    }

    public ImageDecoder decoder() {
        return decoder;
    }
}
