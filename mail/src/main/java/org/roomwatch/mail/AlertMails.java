package org.roomwatch.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The words of alert mails: how many new alerts, the priority, and a link into roomwatch, nothing else. A list's
 * name and a room's title often name the victim or her school, so neither goes into a mailbox; the officer reads
 * them behind the login.
 */
final class AlertMails {
    private AlertMails() {}

    static final String FOOTER = "\nList names, room titles, matched words, names, numbers, handles and images are never put in mail:"
            + " open roomwatch to see them.\n";

    static String subject(int count, boolean high) {
        return "[roomwatch] " + count + " new alert" + (count == 1 ? "" : "s") + (high ? " (high priority)" : "");
    }

    static String body(int count, boolean high, String baseUrl, String watchlistId) {
        return body(count, high, baseUrl, watchlistId, 0);
    }

    /** {@code inPicture}: how many of them matched in the text read in a picture (that it did, never what it read). */
    static String body(int count, boolean high, String baseUrl, String watchlistId, int inPicture) {
        return "New alerts: " + count + (high ? " (high priority)" : "") + "\n"
                + (inPicture > 0 ? (count == 1 ? "It" : inPicture + " of them") + " matched in the text of a picture.\n" : "")
                + "Open them in roomwatch: " + baseUrl + "/alerts?state=new&watchlist="
                + URLEncoder.encode(watchlistId, StandardCharsets.UTF_8) + "\n" + FOOTER;
    }
}
