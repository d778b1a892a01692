package org.roomwatch.core.search;

import java.util.List;
import java.util.Optional;
import org.roomwatch.core.VideoHashes;

/**
 * Searches over the vPDQ of every video seen. Exact: every stored video that matches under the rule is found, and
 * every stored frame within the distance of a still image.
 */
public interface VideoSearch {
    /** ThreatExchange's defaults: a match covers 80 % of the query's frames and any share of the other's. */
    double QUERY_THRESHOLD_PERCENT = 80.0;
    double COMPARED_THRESHOLD_PERCENT = 0.0;
    /** Frames under this PDQ quality take no part in matching. */
    int QUALITY_THRESHOLD = 50;

    /** A frame of the query paired with the nearest frame of the stored video within the distance. */
    record FramePair(int queryFrame, double queryTimestamp, int storedFrame, double storedTimestamp, int distance) {}

    /**
     * A stored video that matches the query: the share of the query's frames that have a partner in it, the share of
     * its frames that have one in the query (both in percent), and the pairs.
     */
    record VideoMatch(VideoRecord video, double queryPercent, double comparedPercent, List<FramePair> pairs) {}

    /** A stored video with a frame near a still image: the nearest such frame, its time, and the distance. */
    record FrameMatch(VideoRecord video, int frame, double timestamp, int distance, String matchedAs) {}

    /**
     * Every stored video whose share of matched query frames reaches {@code queryPercent} and whose own share reaches
     * {@code comparedPercent} (both 0..100), best first. Frames under quality 50 take no part, repeats count once.
     *
     * @throws IllegalArgumentException when no frame of the query has quality 50 or more
     */
    List<VideoMatch> matches(List<VideoHashes.Frame> query, double queryPercent, double comparedPercent);

    /** Every stored video with a frame within {@code maxDistance} (0..64) of any of the queries, nearest first, each once. */
    List<FrameMatch> videosWithFrameNear(List<ImageSearch.PdqQuery> queries, int maxDistance);

    Optional<VideoRecord> bySha256(String sha256);

    /** The frames of a stored video as they were hashed; empty when no such video is stored. */
    List<VideoHashes.Frame> frames(String sha256);

    /** The stored videos with this MD5 (the digest StopNCII-style lists give). */
    List<VideoRecord> byMd5(String md5);
}
