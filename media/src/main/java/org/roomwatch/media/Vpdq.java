package org.roomwatch.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * vPDQ matching as ThreatExchange publishes it: frames below quality 50 are dropped and repeated hashes kept once;
 * then the share of the query's frames that have a frame of the other video within the distance, and the share of the
 * other's frames that have one in the query. Two videos match when the first share reaches the query threshold and the
 * second the compared threshold. "Within 31" is {@code distance <= 31}, as python-threatexchange has it (its C++
 * library has {@code < 31}); the same rule as this project's photo matching.
 *
 * <p>Also ThreatExchange's line format of a vPDQ: {@code frame,quality,hex,timestamp} (seconds, three decimals).
 */
public final class Vpdq {
    public static final int QUALITY_THRESHOLD = org.roomwatch.core.search.VideoSearch.QUALITY_THRESHOLD;
    public static final int DISTANCE = PdqHash.MATCH_DISTANCE;
    /** python-threatexchange's defaults: 80 % of the query's frames, any share of the other's. */
    public static final double QUERY_THRESHOLD_PERCENT = org.roomwatch.core.search.VideoSearch.QUERY_THRESHOLD_PERCENT;
    public static final double COMPARED_THRESHOLD_PERCENT = org.roomwatch.core.search.VideoSearch.COMPARED_THRESHOLD_PERCENT;

    /** A query frame and the nearest frame of the other video within the distance. */
    public record FramePair(VideoFrameHash query, VideoFrameHash compared, int distance) {}

    /** How much of each video the other covers, and the frames that pair up (each query frame once, nearest first found). */
    public record Comparison(double queryPercent, double comparedPercent, List<FramePair> pairs) {
        public boolean matches(double queryThreshold, double comparedThreshold) {
            return queryPercent >= queryThreshold && comparedPercent >= comparedThreshold;
        }
    }

    private Vpdq() {}

    /** The frames that take part in matching: quality at least 50, each hash once (its first frame). */
    public static List<VideoFrameHash> prepared(List<VideoFrameHash> frames) {
        Map<PdqHash, VideoFrameHash> unique = new LinkedHashMap<>();
        for (VideoFrameHash f : frames) {
            if (f.quality() >= QUALITY_THRESHOLD) {
                unique.putIfAbsent(f.hash(), f);
            }
        }
        return new ArrayList<>(unique.values());
    }

    /** Compares two vPDQs (each as hashed; {@link #prepared} is applied here) with distance {@code maxDistance}. */
    public static Comparison compare(List<VideoFrameHash> query, List<VideoFrameHash> compared, int maxDistance) {
        List<VideoFrameHash> q = prepared(query);
        List<VideoFrameHash> c = prepared(compared);
        if (q.isEmpty() || c.isEmpty()) {
            return new Comparison(0, 0, List.of());
        }
        boolean[] comparedHit = new boolean[c.size()];
        List<FramePair> pairs = new ArrayList<>();
        for (VideoFrameHash a : q) {
            FramePair best = null;
            for (int j = 0; j < c.size(); j++) {
                int d = a.hash().distance(c.get(j).hash());
                if (d <= maxDistance) {
                    comparedHit[j] = true;
                    if (best == null || d < best.distance()) {
                        best = new FramePair(a, c.get(j), d);
                    }
                }
            }
            if (best != null) {
                pairs.add(best);
            }
        }
        int hit = 0;
        for (boolean b : comparedHit) {
            hit += b ? 1 : 0;
        }
        return new Comparison(100.0 * pairs.size() / q.size(), 100.0 * hit / c.size(), pairs);
    }

    /** One frame as a line of ThreatExchange's format. */
    public static String line(VideoFrameHash frame) {
        return frame.frameNumber() + "," + frame.quality() + "," + frame.hash().hex() + "," + String.format(Locale.ROOT, "%.3f", frame.timestamp());
    }

    /**
     * Reads a vPDQ in ThreatExchange's line format; blank lines and lines starting with {@code #} are skipped. A line
     * that is not {@code frame,quality,hex,timestamp} is refused with its number and what is wrong in it.
     */
    public static List<VideoFrameHash> parse(String text) {
        List<VideoFrameHash> frames = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            int number = i + 1;
            if (fields.length != 4) {
                throw new IllegalArgumentException("line " + number + ": expected frame,quality,hex,timestamp (4 fields), got "
                        + fields.length);
            }
            int frame = integer(fields[0].strip(), "frame", number);
            int quality = integer(fields[1].strip(), "quality", number);
            PdqHash hash;
            try {
                hash = PdqHash.fromHex(fields[2].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
            double timestamp;
            try {
                timestamp = Double.parseDouble(fields[3].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + number + ": the timestamp must be seconds like 1.000, got '" + fields[3].strip() + "'");
            }
            try {
                frames.add(new VideoFrameHash(frame, quality, hash, timestamp));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frame lines: a vPDQ has one line frame,quality,hex,timestamp per hashed frame");
        }
        return frames;
    }

    private static int integer(String value, String field, int line) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": the " + field + " must be a whole number, got '" + value + "'");
        }
    }
}
