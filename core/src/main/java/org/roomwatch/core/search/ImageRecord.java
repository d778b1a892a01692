package org.roomwatch.core.search;

import java.time.Instant;
import java.util.List;

/** A distinct image as indexed: its hashes and where and when it was seen. */
public record ImageRecord(String sha256, String md5, String pdq, int quality, int width, int height, String format,
                          long bytes, List<String> rooms, List<String> messages, boolean messagesTruncated, int count,
                          Instant firstSeen, Instant lastSeen) {}
