package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ImageHasher;

class HashCommandTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private Path picture(String name, long seed) throws Exception {
        BufferedImage image = new BufferedImage(200, 150, BufferedImage.TYPE_3BYTE_BGR);
        var g = image.createGraphics();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 20; i++) {
            g.setColor(new Color(random.nextInt()));
            g.fillRect(random.nextInt(200), random.nextInt(150), 10 + random.nextInt(80), 10 + random.nextInt(60));
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, name.substring(name.lastIndexOf('.') + 1), file.toFile());
        return file;
    }

    @Test
    void printsOneTabSeparatedLinePerFile() throws Exception {
        Path a = picture("a.png", 1);
        Path b = picture("b.jpg", 2);
        CommandRun run = run("hash", a.toString(), b.toString());
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().trim().split("\n");
        assertEquals(2, lines.length);
        String[] cols = lines[0].split("\t");
        assertEquals(5, cols.length);
        var expected = new ImageHasher(DecodeLimits.DEFAULT).hash(Files.readAllBytes(a), false);
        assertEquals(a.toString(), cols[0]);
        assertEquals(expected.pdq().hex(), cols[1]);
        assertEquals(Integer.toString(expected.quality()), cols[2]);
        assertEquals(expected.digests().md5(), cols[3]);
        assertEquals(expected.digests().sha256(), cols[4]);
        assertTrue(lines[1].startsWith(b + "\t"));
    }

    @Test
    void dihedralAddsTheSevenVariants() throws Exception {
        Path a = picture("a.png", 3);
        CommandRun run = run("hash", "--dihedral", a.toString());
        assertEquals(0, run.code(), run.err());
        String[] cols = run.out().trim().split("\t");
        assertEquals(12, cols.length);
        var expected = new ImageHasher(DecodeLimits.DEFAULT).hash(Files.readAllBytes(a), true);
        assertEquals(expected.dihedral().get(org.roomwatch.media.Dihedral.ROTATE_90).hex(), cols[5]);
        assertEquals(expected.dihedral().get(org.roomwatch.media.Dihedral.FLIP_MINUS_1).hex(), cols[11]);
    }

    @Test
    void unreadableFilesAreNamedOnStderrTheRestIsHashedAndTheExitIsNonZero() throws Exception {
        Path good = picture("good.png", 4);
        Path html = dir.resolve("page.jpg");
        Files.writeString(html, "<html><body>not a photo</body></html>", StandardCharsets.UTF_8);
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path missing = dir.resolve("missing.png");
        CommandRun run = run("hash", html.toString(), good.toString(), empty.toString(), missing.toString(), dir.toString());
        assertEquals(1, run.code());
        assertEquals(1, run.out().trim().split("\n").length, run.out());
        assertTrue(run.out().startsWith(good + "\t"));
        assertTrue(run.err().contains(html + ": not an image: it looks like HTML"), run.err());
        assertTrue(run.err().contains(empty + ": the file is empty (0 bytes)"), run.err());
        assertTrue(run.err().contains(missing + ": no such file"), run.err());
        assertTrue(run.err().contains(dir + ": is a directory"), run.err());
        assertTrue(run.err().contains("4 of 5 files could not be hashed"), run.err());
    }

    @Test
    void aVideoGetsItsLineAndItsVpdqLinesInThreatExchangesFormat() throws Exception {
        byte[] clip = org.roomwatch.simulator.SyntheticVideos.make(org.roomwatch.simulator.SyntheticVideos.Spec.mp4(11).length(3));
        Path video = dir.resolve("clip.mp4");
        Files.write(video, clip);
        Path picture = picture("still.png", 5);
        CommandRun run = run("hash", video.toString(), picture.toString());
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().trim().split("\n");
        var expected = new org.roomwatch.media.VideoHasher().hash(clip);
        assertEquals(video + "\tvideo\t" + expected.digests().md5() + "\t" + expected.digests().sha256() + "\t3.000\t3", lines[0]);
        for (int i = 0; i < 3; i++) {
            assertEquals(video + "\t" + org.roomwatch.media.Vpdq.line(expected.frames().get(i)), lines[1 + i]);
        }
        assertTrue(lines[1].matches(java.util.regex.Pattern.quote(video.toString()) + "\t0,\\d+,[0-9a-f]{64},0\\.000"), lines[1]);
        assertEquals(5, lines.length, "then the picture's line");
        assertTrue(lines[4].startsWith(picture + "\t"), lines[4]);
    }

    @Test
    void aVideoOverALimitIsNamedWithItsReason() throws Exception {
        Path video = dir.resolve("long.webm");
        Files.write(video, org.roomwatch.simulator.SyntheticVideos.make(org.roomwatch.simulator.SyntheticVideos.Spec.mp4(12).length(4)));
        Path config = dir.resolve("roomwatch.yml");
        Files.writeString(config, "media:\n  maxVideoDuration: 2s\n");
        CommandRun run = run("hash", "--config", config.toString(), video.toString());
        assertEquals(1, run.code());
        assertEquals("", run.out().trim());
        assertTrue(run.err().contains(video + ": the video runs 0:04, longer than the 0:02 hashed (media.maxVideoDuration)"), run.err());
    }
}
