package org.roomwatch.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The words of alert mails. Only what a notice holds goes in (list name, counts, room titles, kinds of rule, links),
 * so a victim's name, number, handle or picture cannot reach a mailbox from here.
 */
final class AlertMails {
    private AlertMails() {}

    static final String FOOTER = "\nMatched words, names, numbers, handles and images are never put in mail: open roomwatch to see them.\n";

    static String immediateSubject(String watchlist) {
        return "[roomwatch] " + watchlist + ": new alert";
    }

    static String digestSubject(String watchlist, int count) {
        return "[roomwatch] " + watchlist + ": " + count + " new alert" + (count == 1 ? "" : "s");
    }

    static String line(String baseUrl, String alertId, String roomId, String roomTitle, String ruleKinds) {
        return "- Room: " + (roomTitle == null || roomTitle.isBlank() ? roomId : roomTitle + " (" + roomId + ")")
                + "; rules: " + ruleKinds + "\n  " + baseUrl + "/api/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8) + "\n";
    }

    static String body(String watchlist, boolean high, List<String> lines, int total, String baseUrl, String watchlistId) {
        StringBuilder b = new StringBuilder();
        b.append("Watchlist: ").append(watchlist).append(high ? " (high priority)" : "").append('\n');
        b.append("New alerts: ").append(total).append("\n\n");
        int shown = 0;
        for (String line : lines) {
            if (shown++ == 50) {
                b.append("… and ").append(total - 50).append(" more\n");
                break;
            }
            b.append(line);
        }
        b.append("\nAll alerts of this list: ").append(baseUrl).append("/api/alerts?watchlist=").append(watchlistId).append('\n');
        return b.append(FOOTER).toString();
    }
}
