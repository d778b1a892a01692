package org.roomwatch.media;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * vPDQ, written here from ThreatExchange's published algorithm: the video is decoded by FFmpeg (through JavaCV) from
 * the bytes in memory, with no temporary file; frame {@code n} (in presentation order, from 0) is hashed when
 * {@code n % max(1, round(fps × secondsPerHash)) == 0}, with this project's PDQ on the full-resolution frame; each
 * hash keeps its quality, frame number and time ({@code n / fps}). Frames that are not hashed are decoded (a codec
 * needs them) but never converted to RGB. Every limit of {@link VideoLimits} is checked before or while decoding, and
 * a refusal says which. Thread-safe; each call decodes on the calling thread.
 */
public final class VideoHasher {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET); // FFmpeg's own complaints about a broken file go nowhere; ours say why
    }

    private final Pdq pdq = new Pdq();
    private final VideoLimits limits;
    private final int decodeThreads;

    public VideoHasher(VideoLimits limits, int decodeThreads) {
        if (decodeThreads < 1) {
            throw new IllegalArgumentException("decodeThreads must be at least 1, got " + decodeThreads);
        }
        this.limits = limits;
        this.decodeThreads = decodeThreads;
    }

    public VideoHasher() {
        this(VideoLimits.DEFAULT, 1);
    }

    public VideoLimits limits() {
        return limits;
    }

    /** The digests and vPDQ of a whole video in memory; the bytes are only read. */
    public VideoFingerprint hash(byte[] bytes) throws VideoRefusedException {
        return hash(bytes, null);
    }

    /**
     * Frames wanted besides the hashed ones, handed over as grey pictures while decoding (for reading their text): one
     * per {@code secondsPerFrame}, at most {@code maxFrames}, no larger than {@code maxSide} on the long side.
     */
    public record FrameTap(double secondsPerFrame, int maxFrames, int maxSide, java.util.function.Consumer<java.awt.image.BufferedImage> frames) {}

    /** As {@link #hash(byte[])}, handing {@code tap} (null: none) the frames it wants on the way. */
    public VideoFingerprint hash(byte[] bytes, FrameTap tap) throws VideoRefusedException {
        if (bytes.length == 0) {
            throw new VideoRefusedException(VideoRefusedException.Reason.EMPTY, "the video is empty (0 bytes)", null);
        }
        MediaDigests digests = MediaDigests.of(bytes);
        if (bytes.length > limits.maxBytes()) {
            throw refused(VideoRefusedException.Reason.TOO_MANY_BYTES, "the video has " + bytes.length + " bytes, more than the "
                    + limits.maxBytes() + " allowed (media.maxVideoBytes)", digests);
        }
        long deadline = System.nanoTime() + limits.maxDecodeTime().toNanos();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes))) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.setVideoOption("threads", Integer.toString(decodeThreads));
            try {
                grabber.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw refused(VideoRefusedException.Reason.NOT_A_VIDEO, "FFmpeg cannot read it as a video (" + brief(e) + ")", digests);
            }
            if (!grabber.hasVideo()) {
                throw refused(VideoRefusedException.Reason.NO_VIDEO_STREAM, "the file has no video stream (" + grabber.getFormat() + ")", digests);
            }
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            checkFrameSize(width, height, digests);
            double fps = grabber.getVideoFrameRate();
            if (!(fps > 0) || fps > 1000) {
                throw refused(VideoRefusedException.Reason.CORRUPT, "the video states no usable frame rate (" + fps + ")", digests);
            }
            double stated = grabber.getLengthInTime() / 1e6;
            double maxSeconds = limits.maxDuration().toMillis() / 1000.0;
            if (stated > maxSeconds) {
                throw refused(VideoRefusedException.Reason.TOO_LONG, "the video runs " + clock(stated) + ", longer than the "
                        + clock(maxSeconds) + " hashed (media.maxVideoDuration)", digests);
            }
            List<VideoFrameHash> frames = decode(grabber, fps, maxSeconds, deadline, digests, tap);
            double duration = stated > 0 ? stated : frames.get(frames.size() - 1).timestamp();
            return new VideoFingerprint(digests, bytes.length, duration, fps, width, height, grabber.getFormat(), frames);
        } catch (FrameGrabber.Exception e) {
            throw refused(VideoRefusedException.Reason.CORRUPT, "FFmpeg could not finish reading the video (" + brief(e) + ")", digests);
        }
    }

    private List<VideoFrameHash> decode(FFmpegFrameGrabber grabber, double fps, double maxSeconds, long deadline, MediaDigests digests,
                                        FrameTap tap) throws VideoRefusedException {
        int every = Math.max(1, (int) Math.round(fps * limits.secondsPerHash()));
        int everyTapped = tap == null ? 0 : Math.max(1, (int) Math.round(fps * tap.secondsPerFrame()));
        int tapped = 0;
        List<VideoFrameHash> frames = new ArrayList<>();
        for (int n = 0; ; ) {
            if (System.nanoTime() > deadline) {
                throw refused(VideoRefusedException.Reason.TOO_SLOW, "decoding took longer than " + limits.maxDecodeTime().toSeconds()
                        + " s (media.maxVideoDecodeTime)", digests);
            }
            boolean hashed = n % every == 0;
            boolean tappedNow = tap != null && tapped < tap.maxFrames() && n % everyTapped == 0;
            boolean wanted = hashed || tappedNow;
            Frame frame;
            try {
                frame = grabber.grabFrame(false, true, wanted, false);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                if (frames.isEmpty()) {
                    throw refused(VideoRefusedException.Reason.CORRUPT, "no frame could be decoded (" + brief(e) + ")", digests);
                }
                return frames; // a truncated file: what was decoded before the break is the video as it was received
            }
            if (frame == null) {
                break;
            }
            if (frame.image == null) {
                continue; // not a picture (a data or subtitle packet)
            }
            double timestamp = n / fps;
            if (timestamp > maxSeconds) {
                throw refused(VideoRefusedException.Reason.TOO_LONG, "the video runs past " + clock(maxSeconds)
                        + " (media.maxVideoDuration), though its container did not say so", digests);
            }
            if (wanted && (frame.imageWidth != grabber.getImageWidth() || frame.imageHeight != grabber.getImageHeight())) {
                checkFrameSize(frame.imageWidth, frame.imageHeight, digests); // the size may change mid-stream
            }
            if (tappedNow) {
                tap.frames().accept(grey((ByteBuffer) frame.image[0], frame.imageWidth, frame.imageHeight, frame.imageStride, tap.maxSide()));
                tapped++;
            }
            if (hashed) {
                if (frames.size() >= limits.maxFramesHashed()) {
                    throw refused(VideoRefusedException.Reason.TOO_MANY_FRAMES, "more than " + limits.maxFramesHashed()
                            + " frames to hash (media.maxVideoFramesHashed)", digests);
                }
                PdqResult result = pdq.hash(Luma.rgb24((ByteBuffer) frame.image[0], frame.imageWidth, frame.imageHeight, frame.imageStride));
                frames.add(new VideoFrameHash(n, result.quality(), result.hash(), timestamp));
            }
            n++;
        }
        if (frames.isEmpty()) {
            throw refused(VideoRefusedException.Reason.CORRUPT, "the video has no frame that could be decoded", digests);
        }
        return frames;
    }

    /** An RGB24 frame as a grey picture, scaled down to {@code maxSide} on its long side (nearest pixel: text stays sharp enough). */
    static java.awt.image.BufferedImage grey(ByteBuffer rgb, int width, int height, int stride, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * scale));
        int h = Math.max(1, (int) Math.round(height * scale));
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            int row = Math.min(height - 1, (int) (y / scale)) * stride;
            for (int x = 0; x < w; x++) {
                int i = row + Math.min(width - 1, (int) (x / scale)) * 3;
                int luma = (299 * (rgb.get(i) & 0xff) + 587 * (rgb.get(i + 1) & 0xff) + 114 * (rgb.get(i + 2) & 0xff)) / 1000;
                out[y * w + x] = (byte) luma;
            }
        }
        return grey;
    }

    private void checkFrameSize(int width, int height, MediaDigests digests) throws VideoRefusedException {
        if (width < 1 || height < 1) {
            throw refused(VideoRefusedException.Reason.CORRUPT, "the video states no frame size (" + width + "x" + height + ")", digests);
        }
        // Portrait or landscape alike: the longer side against the longer limit.
        if (Math.max(width, height) > Math.max(limits.maxWidth(), limits.maxHeight())
                || Math.min(width, height) > Math.min(limits.maxWidth(), limits.maxHeight())) {
            throw refused(VideoRefusedException.Reason.TOO_LARGE_FRAME, "frames of " + width + "x" + height + " are larger than "
                    + limits.maxWidth() + "x" + limits.maxHeight() + " (media.maxVideoWidth, media.maxVideoHeight)", digests);
        }
    }

    private static VideoRefusedException refused(VideoRefusedException.Reason reason, String message, MediaDigests digests) {
        return new VideoRefusedException(reason, message, digests);
    }

    private static String brief(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
