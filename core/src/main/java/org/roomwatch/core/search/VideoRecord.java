package org.roomwatch.core.search;

import java.time.Instant;
import java.util.List;

/** A distinct video as indexed: its digests, shape, how many frames were hashed, and where and when it was seen. */
public record VideoRecord(String sha256, String md5, long bytes, double durationSeconds, int width, int height, String format,
                          int framesHashed, List<String> rooms, List<String> messages, boolean messagesTruncated, int count,
                          Instant firstSeen, Instant lastSeen) {}
