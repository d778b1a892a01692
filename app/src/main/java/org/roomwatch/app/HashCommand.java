package org.roomwatch.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.roomwatch.core.config.MediaConfig;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.Dihedral;
import org.roomwatch.media.ImageFingerprint;
import org.roomwatch.media.ImageHasher;
import org.roomwatch.media.ImageFormat;
import org.roomwatch.media.ImageRefusedException;
import org.roomwatch.media.VideoFingerprint;
import org.roomwatch.media.VideoFrameHash;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.VideoLimits;
import org.roomwatch.media.VideoRefusedException;
import org.roomwatch.media.Vpdq;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Hashes image and video files locally, the way StopNCII hashes on the victim's device: only hashes leave this
 * command, never the picture. Tab-separated. An image: file, PDQ, quality, MD5, SHA-256 (and with --dihedral the
 * seven variants). A video: file, {@code video}, MD5, SHA-256, duration in seconds, frames hashed; then its vPDQ, one
 * line per hashed frame in ThreatExchange's format ({@code frame,quality,hex,timestamp}), each after the file name and
 * a tab.
 */
@Command(name = "hash", description = "Print PDQ, quality, MD5 and SHA-256 of image files, and MD5, SHA-256 and vPDQ of video files.")
final class HashCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "image files (JPEG, PNG, GIF, WebP) or videos (MP4, WebM, MOV, ...)")
    List<Path> files;

    @Option(names = "--dihedral", description = "also print the seven rotated and flipped PDQ variants: "
            + "rotate90, rotate180, rotate270, flipx, flipy, flipplus1, flipminus1")
    boolean dihedral;

    @Option(names = "--config", description = "configuration file (for the media.maxImage* and media.maxVideo* limits)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MediaConfig media = Configs.load(config).media();
        ImageHasher hasher = new ImageHasher(new DecodeLimits(media.maxImageBytes(), media.maxImagePixels()));
        VideoHasher videos = new VideoHasher(VideoLimits.from(media), 1);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (Path file : files) {
            try {
                byte[] bytes = read(file, Math.max(media.maxImageBytes(), media.maxVideoBytes()));
                if (bytes.length > 0 && ImageFormat.sniff(bytes) == null) {
                    try {
                        printVideo(out, file, videos.hash(bytes));
                        out.flush();
                        continue;
                    } catch (VideoRefusedException e) {
                        if (e.reason() != VideoRefusedException.Reason.NOT_A_VIDEO) {
                            failed++;
                            err.println("roomwatch hash: " + file + ": " + e.getMessage());
                            continue;
                        }
                        // Neither: the image's refusal says what the bytes look like.
                    }
                }
                ImageFingerprint f = hasher.hash(bytes, dihedral);
                StringBuilder line = new StringBuilder().append(file).append('\t').append(f.pdq().hex()).append('\t')
                        .append(f.quality()).append('\t').append(f.digests().md5()).append('\t').append(f.digests().sha256());
                if (dihedral) {
                    for (Dihedral d : Dihedral.values()) {
                        if (d != Dihedral.ORIGINAL) {
                            line.append('\t').append(f.dihedral().get(d).hex());
                        }
                    }
                }
                out.println(line);
            } catch (ImageRefusedException | IOException e) {
                failed++;
                err.println("roomwatch hash: " + file + ": " + e.getMessage());
            }
            out.flush();
        }
        if (failed > 0) {
            err.println("roomwatch hash: " + failed + " of " + files.size() + " files could not be hashed");
        }
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private static void printVideo(PrintWriter out, Path file, VideoFingerprint f) {
        out.println(file + "\tvideo\t" + f.digests().md5() + "\t" + f.digests().sha256() + "\t"
                + String.format(java.util.Locale.ROOT, "%.3f", f.durationSeconds()) + "\t" + f.frames().size());
        for (VideoFrameHash frame : f.frames()) {
            out.println(file + "\t" + Vpdq.line(frame));
        }
    }

    /** Reads at most one byte past the cap, so a huge file is refused without being read whole. */
    static byte[] read(Path file, long cap) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        if (!Files.exists(file)) {
            throw new IOException("no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("not readable (permissions)");
        }
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        }
    }
}
