package org.roomwatch.core.hashes;

import org.roomwatch.core.search.VideoRecord;

/**
 * A stored video a listed hash matches, and how: {@code md5} or {@code sha256} (its bytes, distance 0), {@code vpdq}
 * (the listed video's frames: both shares in percent, and the nearest pair's distance), or {@code frame} (a listed
 * photo within the distance of one of its frames, at {@code atSecond}).
 */
public record VideoHit(VideoRecord video, String matchedBy, int distance, double queryPercent, double comparedPercent,
                       Double atSecond) {}
