package org.roomwatch.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the reference set (values from Meta's reference Java PDQ, JDK decoding). */
class PdqConformanceTest {
    private static final ImageHasher HASHER = new ImageHasher(DecodeLimits.DEFAULT);
    private static final Dihedral[] COLUMN_ORDER = {Dihedral.ORIGINAL, Dihedral.ROTATE_90, Dihedral.ROTATE_180,
            Dihedral.ROTATE_270, Dihedral.FLIP_X, Dihedral.FLIP_Y, Dihedral.FLIP_PLUS_1, Dihedral.FLIP_MINUS_1};

    record Row(String file, int width, int height, int quality, List<String> hashes, String md5, String sha256) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        String[] lines = new String(resource("expected.csv"), StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].trim().split(",");
            rows.add(new Row(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                    List.of(c).subList(4, 12), c[12], c[13]));
        }
        assertEquals(36, rows.size(), "rows in expected.csv");
        return rows.stream();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = PdqConformanceTest.class.getResourceAsStream("/pdq/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void hashesVariantsQualityAndDigestsAreIdenticalWithTheJdkDecoder(Row row) throws Exception {
        ImageFingerprint f = HASHER.hash(resource(row.file()), true);
        assertEquals(row.width(), f.width());
        assertEquals(row.height(), f.height());
        assertEquals(row.quality(), f.quality(), "quality");
        for (int i = 0; i < COLUMN_ORDER.length; i++) {
            assertEquals(row.hashes().get(i), f.dihedral().get(COLUMN_ORDER[i]).hex(), COLUMN_ORDER[i].label());
        }
        assertEquals(row.hashes().get(0), f.pdq().hex());
        assertEquals(row.md5(), f.digests().md5());
        assertEquals(row.sha256(), f.digests().sha256());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theSingleHashPathAgreesWithTheDihedralPath(Row row) throws Exception {
        ImageFingerprint f = HASHER.hash(resource(row.file()), false);
        assertEquals(row.hashes().get(0), f.pdq().hex());
        assertEquals(row.quality(), f.quality());
    }

    /** Another decoder rounds JPEG's IDCT differently; the hash may move a few bits, never more than 8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void jpegRowsAreWithinEightBitsWithTwelveMonkeys(Row row) throws Exception {
        if (!row.file().endsWith(".jpg")) {
            return;
        }
        ImageReader reader = twelveMonkeysJpegReader();
        try (var in = new MemoryCacheImageInputStream(new ByteArrayInputStream(resource(row.file())))) {
            reader.setInput(in);
            DihedralHashes hashes = new Pdq().dihedral(reader.read(0));
            for (int i = 0; i < COLUMN_ORDER.length; i++) {
                int distance = hashes.get(COLUMN_ORDER[i]).distance(PdqHash.fromHex(row.hashes().get(i)));
                assertTrue(distance <= 8, row.file() + " " + COLUMN_ORDER[i].label() + " differs by " + distance + " bits");
            }
        } finally {
            reader.dispose();
        }
    }

    @Test
    void twelveMonkeysIsReallyADifferentDecoder() {
        assertTrue(twelveMonkeysJpegReader().getClass().getName().startsWith("com.twelvemonkeys."));
    }

    private static ImageReader twelveMonkeysJpegReader() {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getName().startsWith("com.twelvemonkeys.")) {
                return reader;
            }
        }
        throw new AssertionError("TwelveMonkeys imageio-jpeg is not on the classpath");
    }
}
