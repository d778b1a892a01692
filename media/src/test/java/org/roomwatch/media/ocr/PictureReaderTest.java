package org.roomwatch.media.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.OcrConfig;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.simulator.SyntheticPictures;
import org.roomwatch.simulator.SyntheticTextPictures;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;

/** What users and rooms will throw at OCR: each a skip with its reason, never an exception, never a stuck thread. */
class PictureReaderTest {
    private static Ocr ocr;

    @BeforeAll
    static void models() {
        ocr = Ocr.check(new ConfigLoader().defaults().ocr());
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    @Needs({Machine.OCR_MODELS, Machine.KOREAN_FONTS})
    void aCaptionIsReadAndAPictureWithoutTextIsSkippedBeforeTesseractRuns() throws Exception {
        try (PictureReader reader = ocr.newReader(DecodeLimits.DEFAULT)) {
            SyntheticTextPictures.Sample caption = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 5);
            PictureText read = reader.read(caption.bytes());
            assertEquals(null, read.skip(), read.toString());
            assertTrue(read.text().replace(" ", "").contains(caption.text().replace(" ", "").substring(0, 4)), read + " for " + caption.text());
            BufferedImage plain = ImageIO.read(new java.io.ByteArrayInputStream(SyntheticPictures.png(62, false)));
            BufferedImage large = new BufferedImage(1280, 960, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = large.createGraphics();
            g.drawImage(plain, 0, 0, 1280, 960, null);
            g.dispose();
            PictureText none = reader.read(png(large));
            assertEquals(PictureText.Skip.NO_TEXT_SEEN, none.skip(), none.toString());
        }
    }

    @Test
    @Needs(Machine.OCR_MODELS)
    void fiftyMegapixelsAreRefusedBeforeDecodingAndCorruptBytesAreNamed() throws Exception {
        try (PictureReader reader = ocr.newReader(new DecodeLimits(20L * 1024 * 1024, 50_000_000L))) {
            // A PNG header declaring 10,000 x 6,000 pixels: refused from the header, nothing decoded.
            byte[] bomb = png(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
            bomb[16] = 0; bomb[17] = 0; bomb[18] = 0x27; bomb[19] = 0x10; // width 10,000
            bomb[20] = 0; bomb[21] = 0; bomb[22] = 0x17; bomb[23] = 0x70; // height 6,000
            PictureText refused = reader.read(bomb);
            assertEquals(PictureText.Skip.UNREADABLE, refused.skip());
            assertTrue(refused.detail().startsWith("TOO_MANY_PIXELS"), refused.detail());
            byte[] corrupt = Arrays.copyOf(png(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB)), 60);
            PictureText broken = reader.read(corrupt);
            assertEquals(PictureText.Skip.UNREADABLE, broken.skip(), broken.toString());
            assertEquals(PictureText.Skip.UNREADABLE, reader.read(new byte[0]).skip());
        }
    }

    @Test
    @Needs(Machine.OCR_MODELS)
    void aWallOfTinyGlyphsOrNoiseRunsIntoTheTimeBudgetAndIsSkipped() throws Exception {
        OcrConfig quick = new OcrConfig(true, "", "kor+eng", 1, 10, Duration.ofMillis(300), 5.0, 12);
        try (PictureReader reader = Ocr.check(quick).newReader(DecodeLimits.DEFAULT)) {
            BufferedImage wall = new BufferedImage(2000, 2000, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = wall.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 2000, 2000);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 7));
            Random r = new Random(1);
            for (int y = 8; y < 2000; y += 8) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < 600; i++) {
                    line.append((char) ('a' + r.nextInt(26)));
                }
                g.drawString(line.toString(), 0, y);
            }
            g.dispose();
            long started = System.nanoTime();
            PictureText wallRead = reader.read(png(wall));
            long took = (System.nanoTime() - started) / 1_000_000;
            assertEquals(PictureText.Skip.TIME_BUDGET, wallRead.skip(), wallRead.toString());
            assertTrue(took < 5_000, "given up near its budget, not after " + took + " ms");
            BufferedImage noise = new BufferedImage(1600, 1200, BufferedImage.TYPE_BYTE_GRAY);
            byte[] px = ((java.awt.image.DataBufferByte) noise.getRaster().getDataBuffer()).getData();
            r.nextBytes(px);
            PictureText noiseRead = reader.read(png(noise));
            assertTrue(noiseRead.skip() == PictureText.Skip.TIME_BUDGET || noiseRead.skip() == PictureText.Skip.LOW_CONFIDENCE
                    || noiseRead.text().isBlank(), "noise yields no text: " + noiseRead);
        }
    }

    @Test
    @Needs(Machine.OCR_MODELS)
    void textInAScriptTheModelsLackYieldsNoTextOrADoubtfulReading() throws Exception {
        try (PictureReader reader = ocr.newReader(DecodeLimits.DEFAULT)) {
            BufferedImage image = new BufferedImage(1200, 300, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 1200, 300);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 48));
            g.drawString("مرحبا بالعالم الجميل", 60, 150); // Arabic: neither Korean nor English
            g.dispose();
            PictureText read = reader.read(png(image));
            assertTrue(read.skip() == PictureText.Skip.LOW_CONFIDENCE || read.text().replaceAll("[^\\p{L}]", "").length() <= 4,
                    "no words made up from a script the models lack: " + read);
        }
    }

    @Test
    void missingModelsAreNamedWithThePackageToInstall() {
        Ocr none = Ocr.check(new OcrConfig(true, "/nonexistent/tessdata", "kor+eng", 1, 10, Duration.ofSeconds(5), 5.0, 12));
        assertTrue(!none.available() && none.problem().contains("no Tesseract model for kor, eng in /nonexistent/tessdata"), none.problem());
        Tessdata.Found debian = Tessdata.locate(java.nio.file.Path.of("/nonexistent"), java.util.List.of("xyz"));
        assertTrue(debian.problem().contains("xyz"), debian.problem());
        assertEquals("tesseract-ocr-kor tesseract-ocr-chi-sim", Tessdata.packages(java.util.List.of("kor", "chi_sim")));
        Ocr off = Ocr.check(new OcrConfig(false, "", "kor+eng", 1, 10, Duration.ofSeconds(5), 5.0, 12));
        assertTrue(!off.available() && off.problem().contains("ocr.enabled: false"), off.problem());
    }
}
