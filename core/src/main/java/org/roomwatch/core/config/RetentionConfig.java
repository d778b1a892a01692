package org.roomwatch.core.config;

import java.time.Duration;

/**
 * How long records are kept, per index: messages (with their versions) by capture time, media by the last time the
 * image was seen, alerts by creation. Zero keeps them for ever. Records held by a case are never deleted. The sweep
 * runs every {@code sweepEvery}.
 */
public record RetentionConfig(Duration messages, Duration media, Duration alerts, Duration sweepEvery) {
    public static final RetentionConfig KEEP_EVERYTHING = new RetentionConfig(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(1));

    public RetentionConfig {
        messages = notNegative("retention.messages", messages);
        media = notNegative("retention.media", media);
        alerts = notNegative("retention.alerts", alerts);
        Check.positive("retention.sweepEvery", sweepEvery);
    }

    public boolean keepsEverything() {
        return messages.isZero() && media.isZero() && alerts.isZero();
    }

    private static Duration notNegative(String key, Duration value) {
        if (value == null) {
            return Duration.ZERO;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must be 0 (keep for ever) or a positive duration, got " + value);
        }
        return value;
    }
}
