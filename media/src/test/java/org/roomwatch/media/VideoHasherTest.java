package org.roomwatch.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeAll;
import org.roomwatch.simulator.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * vPDQ of synthetic clips made in memory: which frames are hashed, re-encodings that must match (another bitrate,
 * size, container and codec, B-frames, a trimmed copy), clips that must not, and what a crawl meets that is not a
 * video it can hash. Nothing is written to disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoHasherTest {
    private final VideoHasher hasher = new VideoHasher();
    private SyntheticVideos.Spec base;
    private byte[] original;
    private VideoFingerprint originalHash;

    @BeforeAll
    void makeTheOriginal() throws Exception {
        base = SyntheticVideos.Spec.mp4(7);
        original = SyntheticVideos.make(base);
        originalHash = hasher.hash(original);
    }

    @Test
    void oneFrameASecondIsHashedByTheRuleWithItsNumberTimeAndQuality() throws Exception {
        // 25 fps, 6 s: frames 0, 25, ..., 125 (n % round(25 × 1) == 0), at n / 25 seconds.
        assertEquals(List.of(0, 25, 50, 75, 100, 125), originalHash.frames().stream().map(VideoFrameHash::frameNumber).toList());
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), originalHash.frames().stream().map(VideoFrameHash::timestamp).toList());
        assertTrue(originalHash.frames().stream().allMatch(f -> f.quality() >= Vpdq.QUALITY_THRESHOLD), originalHash.frames().toString());
        assertEquals(25.0, originalHash.framesPerSecond(), 0.001);
        assertEquals(6.0, originalHash.durationSeconds(), 0.1);
        assertEquals(640, originalHash.width());
        assertEquals(360, originalHash.height());
        assertEquals(MediaDigests.of(original), originalHash.digests(), "MD5 and SHA-256 of the bytes as fetched");
        assertEquals(original.length, originalHash.bytes());
        // Each hashed frame is the PDQ of that picture: the same as hashing the frame this project drew, within the
        // codec's loss.
        java.awt.image.BufferedImage drawn = new java.awt.image.BufferedImage(640, 360, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        SyntheticVideos.draw(drawn, 7, 2.0);
        assertTrue(new Pdq().hash(drawn).hash().distance(originalHash.frames().get(2).hash()) <= 16,
                "frame 50 is the picture at 2 s");

        VideoFingerprint twelve = hasher.hash(SyntheticVideos.make(base.fps(12).length(3)));
        assertEquals(List.of(0, 12, 24), twelve.frames().stream().map(VideoFrameHash::frameNumber).toList());
        VideoFingerprint halves = new VideoHasher(withSecondsPerHash(0.5), 1).hash(original);
        assertEquals(12, halves.frames().size(), "round(25 × 0.5) = 13: frames 0, 13, ..., 143 of 150");
        assertEquals(13, halves.frames().get(1).frameNumber());
    }

    @Test
    void reEncodingsMatchTheOriginal() throws Exception {
        for (SyntheticVideos.Spec copy : List.of(base.bitrate(150_000), base.size(320, 180), base.webm(avcodec.AV_CODEC_ID_VP9),
                base.webm(avcodec.AV_CODEC_ID_VP8), base.mpeg4WithBFrames(), base.trimmed(2, 3))) {
            VideoFingerprint hashed = hasher.hash(SyntheticVideos.make(copy));
            Vpdq.Comparison c = Vpdq.compare(hashed.frames(), originalHash.frames(), Vpdq.DISTANCE);
            assertTrue(c.matches(Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT), copy + ": " + c);
            assertEquals(100.0, c.queryPercent(), copy + ": every frame of the copy is in the original: " + c);
        }
        VideoFingerprint trimmed = hasher.hash(SyntheticVideos.make(base.trimmed(2, 3)));
        Vpdq.Comparison c = Vpdq.compare(trimmed.frames(), originalHash.frames(), Vpdq.DISTANCE);
        assertEquals(50.0, c.comparedPercent(), 0.01, "the trimmed copy covers 3 of the original's 6 seconds");
        assertEquals(List.of(50, 75, 100), c.pairs().stream().map(p -> p.compared().frameNumber()).toList(),
                "its frames pair with the original's at 2, 3 and 4 s");
    }

    @Test
    void otherClipsDoNotMatch() throws Exception {
        for (long seed : new long[] {8, 9, 10}) {
            VideoFingerprint other = hasher.hash(SyntheticVideos.make(SyntheticVideos.Spec.mp4(seed)));
            Vpdq.Comparison c = Vpdq.compare(other.frames(), originalHash.frames(), Vpdq.DISTANCE);
            assertTrue(!c.matches(Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT) && c.queryPercent() < 20, "clip " + seed + ": " + c);
        }
    }

    @Test
    void whatIsNotAVideoToHashIsRefusedSayingWhyAndKeepsTheDigestsWhenTheBytesWereWhole() throws Exception {
        refused(new byte[0], VideoRefusedException.Reason.EMPTY, "empty", hasher);
        refused("<!doctype html><html><body>not a video</body></html>".getBytes(StandardCharsets.UTF_8),
                VideoRefusedException.Reason.NOT_A_VIDEO, "cannot read it as a video", hasher);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("clip.mp4"));
            z.write(original);
        }
        refused(zip.toByteArray(), VideoRefusedException.Reason.NOT_A_VIDEO, "cannot read it as a video", hasher);
        refused(SyntheticVideos.audioOnly(), VideoRefusedException.Reason.NO_VIDEO_STREAM, "no video stream", hasher);
        byte[] firstHalf = Arrays.copyOf(original, original.length / 2); // moov is at the end: gone with the second half
        VideoRefusedException truncated = assertThrows(VideoRefusedException.class, () -> hasher.hash(firstHalf));
        assertTrue(Set.of(VideoRefusedException.Reason.NOT_A_VIDEO, VideoRefusedException.Reason.CORRUPT).contains(truncated.reason()),
                truncated.getMessage());

        VideoLimits d = VideoLimits.DEFAULT;
        refused(original, VideoRefusedException.Reason.TOO_MANY_BYTES, "more than the 1000 allowed (media.maxVideoBytes)",
                new VideoHasher(new VideoLimits(1000, d.maxDuration(), d.maxFramesHashed(), d.maxWidth(), d.maxHeight(), d.maxDecodeTime(), 1), 1));
        refused(original, VideoRefusedException.Reason.TOO_LONG, "runs 0:06, longer than the 0:03 hashed (media.maxVideoDuration)",
                new VideoHasher(new VideoLimits(d.maxBytes(), Duration.ofSeconds(3), d.maxFramesHashed(), d.maxWidth(), d.maxHeight(), d.maxDecodeTime(), 1), 1));
        refused(original, VideoRefusedException.Reason.TOO_MANY_FRAMES, "more than 2 frames to hash (media.maxVideoFramesHashed)",
                new VideoHasher(new VideoLimits(d.maxBytes(), d.maxDuration(), 2, d.maxWidth(), d.maxHeight(), d.maxDecodeTime(), 1), 1));
        refused(original, VideoRefusedException.Reason.TOO_LARGE_FRAME, "frames of 640x360 are larger than 320x240",
                new VideoHasher(new VideoLimits(d.maxBytes(), d.maxDuration(), d.maxFramesHashed(), 320, 240, d.maxDecodeTime(), 1), 1));
        refused(original, VideoRefusedException.Reason.TOO_SLOW, "decoding took longer than",
                new VideoHasher(new VideoLimits(d.maxBytes(), d.maxDuration(), d.maxFramesHashed(), d.maxWidth(), d.maxHeight(), Duration.ofNanos(1), 1), 1));
        VideoRefusedException empty = assertThrows(VideoRefusedException.class, () -> hasher.hash(new byte[0]));
        assertNull(empty.digests(), "nothing was read");
    }

    @Test
    void nothingIsWrittenToTheTemporaryDirectoryWhileHashing() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = list(tmp);
        hasher.hash(original);
        hasher.hash(SyntheticVideos.make(base.webm(avcodec.AV_CODEC_ID_VP8).length(2)));
        assertEquals(before, list(tmp), "the video goes from memory to FFmpeg through a stream, never a file");
    }

    private static Set<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }

    private void refused(byte[] bytes, VideoRefusedException.Reason reason, String words, VideoHasher with) {
        VideoRefusedException e = assertThrows(VideoRefusedException.class, () -> with.hash(bytes));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        if (bytes.length > 0) {
            assertNotNull(e.digests(), "the bytes were read whole: their digests are kept");
            assertArrayEquals(new Object[] {MediaDigests.of(bytes)}, new Object[] {e.digests()});
        }
    }

    private static VideoLimits withSecondsPerHash(double seconds) {
        VideoLimits d = VideoLimits.DEFAULT;
        return new VideoLimits(d.maxBytes(), d.maxDuration(), d.maxFramesHashed(), d.maxWidth(), d.maxHeight(), d.maxDecodeTime(), seconds);
    }
}
