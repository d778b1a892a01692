package org.roomwatch.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.roomwatch.media.Pdq;
import org.roomwatch.media.VideoFingerprint;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.simulator.SyntheticVideos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * vPDQ's cost on one core, at 480p, 720p and 1080p: synthetic H.264 clips (made in memory first, not timed) hashed
 * whole by the server's {@link VideoHasher} on this thread, in CPU time; then the same hashed frames' PDQ alone, so
 * decoding (with the RGB conversion of the hashed frames) and PDQ are split out. The anchor is real time: seconds of
 * video hashed per CPU-second. Then search over stored videos ({@link VideoSearchBench}): recall against a brute-force
 * comparison and latency percentiles.
 */
@Command(name = "videos", description = "Benchmark vPDQ hashing speed per resolution (decode and PDQ apart) and video search"
        + " over stored videos (recall against brute force, latency); prints tables.")
final class VideoBench implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "20", description = "length of each clip; default ${DEFAULT-VALUE}") int seconds;
    @Option(names = "--rounds", defaultValue = "3", description = "measured rounds per clip (the fastest is shown); default ${DEFAULT-VALUE}") int rounds;
    @Option(names = "--videos", defaultValue = "100000", description = "stored videos for the search; default ${DEFAULT-VALUE}") int videos;
    @Option(names = "--frames", defaultValue = "60", description = "frames hashed per stored video; default ${DEFAULT-VALUE}") int frames;
    @Option(names = "--queries", defaultValue = "100", description = "search queries of each kind; default ${DEFAULT-VALUE}") int queries;
    @Option(names = "--es-url", description = "Elasticsearch URL (default: a managed local node)") String esUrl;
    @Option(names = "--skip-search", description = "only time vPDQ hashing") boolean skipSearch;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || rounds < 1) {
            throw new IllegalArgumentException("--seconds and --rounds must each be at least 1");
        }
        if (videos < 20 || frames < 4 || queries < 1) {
            throw new IllegalArgumentException("--videos must be at least 20, --frames at least 4 and --queries at least 1");
        }
        VideoHasher hasher = new VideoHasher();
        Pdq pdq = new Pdq();
        Table table = Table.start(System.out, Table.text("clip", 16), Table.number("video s", "%.0f"), Table.number("frames hashed", "%d"),
                Table.number("bytes", "%d"), Table.number("CPU s", "%.2f"), Table.number("x real time", "%.1f"),
                Table.number("decode CPU s", "%.2f"), Table.number("PDQ CPU s", "%.2f"), Table.number("PDQ / decode", "%.2f"));
        int[][] sizes = {{854, 480}, {1280, 720}, {1920, 1080}};
        for (int[] size : sizes) {
            byte[] clip = SyntheticVideos.make(SyntheticVideos.Spec.mp4(21).size(size[0], size[1]).length(seconds).bitrate(size[1] * 4000));
            hasher.hash(clip); // warm-up: natives loaded, JIT
            double best = Double.MAX_VALUE;
            VideoFingerprint hashed = null;
            for (int r = 0; r < rounds; r++) {
                long start = CPU.getCurrentThreadCpuTime();
                hashed = hasher.hash(clip);
                best = Math.min(best, (CPU.getCurrentThreadCpuTime() - start) / 1e9);
            }
            List<BufferedImage> frames = hashedFrames(clip, hashed);
            double pdqBest = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long start = CPU.getCurrentThreadCpuTime();
                for (BufferedImage frame : frames) {
                    pdq.hash(frame);
                }
                pdqBest = Math.min(pdqBest, (CPU.getCurrentThreadCpuTime() - start) / 1e9);
            }
            double decode = Math.max(0, best - pdqBest);
            table.row(size[1] + "p H.264", hashed.durationSeconds(), hashed.frames().size(), (long) clip.length, best,
                    hashed.durationSeconds() / best, decode, pdqBest, pdqBest / Math.max(1e-9, decode));
        }
        System.out.println("\nOne thread, CPU time of that thread (FFmpeg decodes on it: one decoding thread). Targets on this machine:"
                + " >= 20x real time at 720p, PDQ under a quarter of decode.");
        if (!skipSearch) {
            new VideoSearchBench(videos, frames, queries, esUrl, System.out).run();
            System.out.println("Target on this machine: recall 1.0, p95 under 100 ms at 100,000 videos of 60 frames.");
        }
        return 0;
    }

    /** The frames vPDQ hashed, decoded again as pictures (not timed): PDQ is timed on them alone. */
    private static List<BufferedImage> hashedFrames(byte[] clip, VideoFingerprint hashed) throws Exception {
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        hashed.frames().forEach(f -> wanted.add(f.frameNumber()));
        List<BufferedImage> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(clip));
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            for (int n = 0; (frame = grabber.grabImage()) != null; n++) {
                if (wanted.contains(n)) {
                    BufferedImage image = converter.convert(frame);
                    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                    copy.getGraphics().drawImage(image, 0, 0, null);
                    out.add(copy);
                }
            }
        }
        return out;
    }
}
