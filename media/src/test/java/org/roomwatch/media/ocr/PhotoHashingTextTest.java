package org.roomwatch.media.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.MediaKind;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.OcrConfig;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.PhotoHashing;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.simulator.SyntheticTextPictures;
import org.roomwatch.simulator.SyntheticVideos;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;

/**
 * Hash and read, then discard: a photo's and a video's text are read while their bytes are in memory, during the
 * hashing that already held them; a video's frames are taken every few seconds, at most a few, and their lines
 * joined once each; a sticker is never read; and a pool that is full leaves the text unread with the reason.
 */
class PhotoHashingTextTest {
    private static final Instant AT = Instant.parse("2026-05-01T00:00:00Z");

    private static Message message(long id, MediaRef... media) {
        return new Message("telegram", "room", id, "https://t.me/room/" + id, AT, "a", "", List.of(), null, null, 1L, false, false,
                List.of(media), AT, "test", "x");
    }

    private static PhotoHashing.PhotoFetcher<RuntimeException> serving(Map<String, byte[]> files) {
        return new PhotoHashing.PhotoFetcher<>() {
            @Override
            public boolean fetches(MediaRef ref) {
                return files.containsKey(ref.url());
            }

            @Override
            public byte[] fetch(MediaRef ref, long maxBytes) {
                return files.get(ref.url());
            }
        };
    }

    @Test
    @Needs({Machine.OCR_MODELS, Machine.KOREAN_FONTS})
    void aCaptionedVideoAndAPhotoAreReadAndAStickerIsNot() throws Exception {
        Ocr ocr = Ocr.check(new OcrConfig(true, "", "kor+eng", 1, 10, Duration.ofSeconds(20), 2.0, 3));
        SyntheticTextPictures.Sample caption = SyntheticTextPictures.sample(SyntheticTextPictures.Kind.CAPTION, 5);
        byte[] video = SyntheticVideos.captioned(3, "푸른숲고등학교 3학년 김하은", 6);
        Map<String, byte[]> files = Map.of("p", caption.bytes(), "v", video, "s", caption.bytes());
        try (OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT)) {
            PhotoHashing<RuntimeException> hashing = new PhotoHashing<>(serving(files), new ImageHasher(DecodeLimits.DEFAULT), new VideoHasher())
                    .withText(pool, Duration.ofSeconds(60));
            List<Message> out = hashing.hash(List.of(
                    message(1, new MediaRef(MediaKind.PHOTO, "p"), new MediaRef(MediaKind.VIDEO, "v")),
                    message(2, new MediaRef(MediaKind.STICKER, "s"))));

            MediaRef photo = out.get(0).media().get(0);
            assertNotNull(photo.hashes());
            assertTrue(photo.text().text().replace(" ", "").contains(caption.text().replace(" ", "").substring(0, 4)), photo.text().toString());

            MediaRef clip = out.get(0).media().get(1);
            assertNotNull(clip.video(), "hashed as before");
            String read = clip.text().text();
            assertTrue(read.replace(" ", "").contains("푸른숲고등학교"), read);
            // Frames at 0, 2 and 4 s (at most 3) all show the caption: it is kept once, not three times.
            assertEquals(1, read.lines().filter(l -> l.replace(" ", "").contains("푸른숲")).count(), read);

            MediaRef sticker = out.get(1).media().get(0);
            assertNotNull(sticker.hashes());
            assertNull(sticker.text(), "stickers are drawings and emoji, not read");
        }
    }

    @Test
    @Needs({Machine.OCR_MODELS, Machine.KOREAN_FONTS})
    void aFullPoolLeavesTheTextUnreadWithTheReasonAndTheHashesStand() throws Exception {
        Ocr ocr = Ocr.check(new ConfigLoader().defaults().ocr());
        Map<String, byte[]> files = new java.util.HashMap<>();
        MediaRef[] refs = new MediaRef[4];
        for (int i = 0; i < refs.length; i++) {
            files.put("p" + i, SyntheticTextPictures.sample(SyntheticTextPictures.Kind.PROFILE, 40 + i).bytes());
            refs[i] = new MediaRef(MediaKind.PHOTO, "p" + i);
        }
        // A picture of pure noise takes the one worker for a few hundred milliseconds, and the pool holds one picture's
        // bytes: offers made meanwhile are refused.
        java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(1600, 1200, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        new java.util.Random(1).nextBytes(((java.awt.image.DataBufferByte) noise.getRaster().getDataBuffer()).getData());
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(noise, "png", png);
        byte[] busy = png.toByteArray();
        try (OcrPool pool = new OcrPool(ocr, DecodeLimits.DEFAULT, busy.length)) {
            assertTrue(pool.offer(busy).isPresent());
            assertTrue(pool.offer(files.get("p0")).isEmpty(), "refused at once, never waited for");
            List<Message> out = new PhotoHashing<>(serving(files), new ImageHasher(DecodeLimits.DEFAULT)).withText(pool, Duration.ofSeconds(30))
                    .hash(List.of(message(1, refs)));
            List<String> outcomes = out.get(0).media().stream().map(r -> r.text().unread() == null ? "read" : r.text().unread()).toList();
            assertEquals("queue_full", outcomes.get(0), outcomes.toString());
            out.get(0).media().forEach(r -> assertNotNull(r.hashes(), "hashed all the same"));
        }
    }
}
