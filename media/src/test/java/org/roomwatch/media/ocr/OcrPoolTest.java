package org.roomwatch.media.ocr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.simulator.SyntheticTextPictures;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;

/**
 * Stopping a process's OCR in two steps: it refuses pictures at once (they stay unread for the sweep) while the
 * reading in flight goes on, and closing then waits for that reading only.
 */
class OcrPoolTest {
    @Test
    @Needs({Machine.OCR_MODELS, Machine.KOREAN_FONTS})
    void aPoolThatStoppedTakingRefusesPicturesAndStillFinishesTheOneInFlight() throws Exception {
        Ocr ocr = Ocr.check(new ConfigLoader().defaults().ocr());
        byte[] busy = noise();
        byte[] caption = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 7).bytes();
        OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT);
        try {
            CompletableFuture<PictureText> inFlight = pool.offer(busy).orElseThrow();
            // The one worker has taken it (it is no longer waiting in the queue): only then is it in flight.
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); pool.backlog() > 0 && System.nanoTime() < end; ) {
                Thread.sleep(5);
            }
            pool.stopTaking();

            assertTrue(pool.offer(caption).isEmpty(), "refused once stopping, never queued behind the reading in flight");
            pool.close();
            assertTrue(inFlight.isDone(), "close waited for the reading in flight");
            assertFalse(pool.offer(caption).isPresent(), "a closed pool refuses too");
        } finally {
            pool.close();
        }
    }

    /** A picture of pure noise: it keeps Tesseract busy for a few hundred milliseconds. */
    private static byte[] noise() throws Exception {
        BufferedImage noise = new BufferedImage(1600, 1200, BufferedImage.TYPE_BYTE_GRAY);
        new Random(1).nextBytes(((DataBufferByte) noise.getRaster().getDataBuffer()).getData());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(noise, "png", png);
        return png.toByteArray();
    }
}
