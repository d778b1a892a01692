package org.roomwatch.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.SeekableByteArrayOutputStream;

/**
 * Synthetic videos, made in memory from generated frames (for the tests, the simulated site and the benchmarks): a gradient, moving shapes, a caption
 * and a little noise, all a function of the clip's seed and the time, so a re-encoding at another bitrate, size or
 * container, or a copy trimmed at a whole second, shows the same pictures at the same times. Never a person, never a
 * file on disk.
 */
public final class SyntheticVideos {
    /** How a clip is made: its content (seed), its picture, its encoding, and from which second of the content it starts. */
    public record Spec(long seed, int width, int height, int fps, double seconds, String format, int codec, int bitrate,
                int bFrames, double startSecond) {
        public static Spec mp4(long seed) {
            return new Spec(seed, 640, 360, 25, 6, "mp4", avcodec.AV_CODEC_ID_H264, 800_000, 0, 0);
        }

        public Spec size(int w, int h) {
            return new Spec(seed, w, h, fps, seconds, format, codec, bitrate, bFrames, startSecond);
        }

        public Spec bitrate(int value) {
            return new Spec(seed, width, height, fps, seconds, format, codec, value, bFrames, startSecond);
        }

        public Spec webm(int vpxCodec) {
            return new Spec(seed, width, height, fps, seconds, "webm", vpxCodec, bitrate, bFrames, startSecond);
        }

        public Spec mpeg4WithBFrames() {
            return new Spec(seed, width, height, fps, seconds, "mp4", avcodec.AV_CODEC_ID_MPEG4, bitrate, 2, startSecond);
        }

        public Spec trimmed(double from, double length) {
            return new Spec(seed, width, height, fps, length, format, codec, bitrate, bFrames, startSecond + from);
        }

        public Spec length(double value) {
            return new Spec(seed, width, height, fps, value, format, codec, bitrate, bFrames, startSecond);
        }

        public Spec fps(int value) {
            return new Spec(seed, width, height, value, seconds, format, codec, bitrate, bFrames, startSecond);
        }
    }

    private SyntheticVideos() {}

    private static final java.util.Map<String, byte[]> POSTED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A short clip as the simulated rooms post it (3 s, 320x180, 10 frames a second): clip {@code seed}'s pictures, or
     * ({@code reencoded}) the same pictures at a lower bitrate, different bytes that vPDQ matches. Made once per
     * variant and kept in memory (synthetic, so keeping it is harmless), since encoding costs more than serving.
     */
    public static byte[] posted(long seed, boolean reencoded) {
        return POSTED.computeIfAbsent(seed + (reencoded ? "r" : ""), k -> make(
                Spec.mp4(seed).size(320, 180).fps(10).length(3).bitrate(reencoded ? 150_000 : 400_000)));
    }

    public static byte[] make(Spec spec) {
        return make(spec, (g, t) -> { });
    }

    /** Drawn over a frame of a clip at {@code t} seconds, in the frame's own pixels. */
    private interface Overlay {
        void draw(Graphics2D g, double t);
    }

    private static byte[] make(Spec spec, Overlay overlay) {
        SeekableByteArrayOutputStream out = new SeekableByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, spec.width(), spec.height(), 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(spec.format());
            recorder.setVideoCodec(spec.codec());
            recorder.setFrameRate(spec.fps());
            recorder.setVideoBitrate(spec.bitrate());
            recorder.setGopSize(spec.fps() * 2);
            if (spec.codec() == avcodec.AV_CODEC_ID_VP8 || spec.codec() == avcodec.AV_CODEC_ID_VP9) {
                recorder.setVideoOption("deadline", "realtime"); // libvpx's default takes minutes for a few seconds
                recorder.setVideoOption("cpu-used", "8");
            }
            if (spec.bFrames() > 0) {
                recorder.setVideoOption("bf", Integer.toString(spec.bFrames()));
            }
            recorder.start();
            int frames = (int) Math.round(spec.seconds() * spec.fps());
            BufferedImage image = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
            for (int i = 0; i < frames; i++) {
                double t = spec.startSecond() + (double) i / spec.fps();
                draw(image, spec.seed(), t);
                Graphics2D g = image.createGraphics();
                overlay.draw(g, t);
                g.dispose();
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not make the test video " + spec + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * A clip of {@code seconds} at 640x360 with {@code caption} burnt in on a dark band along the bottom from the first
     * frame to the last, as fakes are captioned (Noto Sans CJK KR, so Korean draws where fonts-noto-cjk is installed).
     */
    public static byte[] captioned(long seed, String caption, double seconds) {
        java.awt.Font font = new java.awt.Font("Noto Sans CJK KR", java.awt.Font.BOLD, 30);
        return make(Spec.mp4(seed).length(seconds), (g, t) -> {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(20, 20, 20));
            g.fillRect(0, 290, 640, 56);
            g.setColor(Color.WHITE);
            g.setFont(font);
            g.drawString(caption, 24, 330);
        });
    }

    /** A second of a synthetic tone in a WebM with no video stream at all (what a voice message is). */
    public static byte[] audioOnly() {
        SeekableByteArrayOutputStream out = new SeekableByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, 1)) {
            recorder.setFormat("webm");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_OPUS);
            recorder.setSampleRate(48_000);
            recorder.start();
            short[] samples = new short[48_000];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
            }
            recorder.recordSamples(48_000, 1, java.nio.ShortBuffer.wrap(samples));
            recorder.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not make the audio-only test file: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The picture of clip {@code seed} at {@code t} seconds, on a canvas of any size (drawn in 640x360 units). */
    public static void draw(BufferedImage image, long seed, double t) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(image.getWidth() / 640.0, image.getHeight() / 360.0);
        Random look = new Random(seed);
        g.setPaint(new GradientPaint(0, 0, new Color(look.nextInt(0xffffff)), 640, 360, new Color(look.nextInt(0xffffff))));
        g.fillRect(0, 0, 640, 360);
        for (int s = 0; s < 7; s++) {
            double x0 = look.nextInt(640);
            double y0 = look.nextInt(360);
            double vx = (look.nextDouble() - 0.5) * 60; // points a second: slow enough that nearby frames look alike
            double vy = (look.nextDouble() - 0.5) * 40;
            int size = 30 + look.nextInt(90);
            g.setColor(new Color(look.nextInt(0xffffff)));
            int x = (int) Math.floorMod((long) (x0 + vx * t), 640L);
            int y = (int) Math.floorMod((long) (y0 + vy * t), 360L);
            if (s % 2 == 0) {
                g.fillOval(x - size / 2, y - size / 2, size, size);
            } else {
                g.setStroke(new BasicStroke(6));
                g.drawRect(x - size / 2, y - size / 2, size, size);
            }
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        g.drawString("SYNTHETIC TEST CLIP " + seed + "  t=" + (int) t, 20, 340);
        g.dispose();
        // A little noise, the same for the same clip and time, as a camera or a re-encode leaves.
        Random noise = new Random(seed * 1_000_003L + Math.round(t * 1000));
        for (int k = 0; k < 400; k++) {
            int px = noise.nextInt(image.getWidth());
            int py = noise.nextInt(image.getHeight());
            image.setRGB(px, py, noise.nextInt(0xffffff));
        }
    }
}
