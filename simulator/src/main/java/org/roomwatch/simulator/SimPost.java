package org.roomwatch.simulator;

import java.time.Instant;

/** A synthetic post in a simulated room. */
public record SimPost(long id, Instant date, String author, String text, String forwardedFrom, Long replyTo,
                      long views, boolean edited, int photos, boolean video, String document, boolean service) {

    public static SimPost text(long id, Instant date, String text) {
        return new SimPost(id, date, null, text, null, null, 0, false, 0, false, null, false);
    }
}
