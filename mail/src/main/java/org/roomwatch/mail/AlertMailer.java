package org.roomwatch.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.watch.AlertNotice;

/**
 * Decides how each new alert reaches each member: an immediate mail for a high-priority list while the recipient is
 * under the hourly limit, else a place in the next digest. Nothing is sent here; mails go through the outbox.
 */
public final class AlertMailer {
    private final MailOutbox outbox;
    private final MailConfig config;
    private final Clock clock;

    public AlertMailer(MailOutbox outbox, MailConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public void onAlert(AlertNotice notice) {
        Instant now = clock.instant();
        for (String member : notice.members()) {
            boolean underLimit = outbox.immediateSince(member, now.minus(Duration.ofHours(1))) < config.perRecipientPerHour();
            if (notice.highPriority() && underLimit) {
                outbox.enqueue(member, AlertMails.subject(1, true), AlertMails.body(1, true, config.baseUrl(), notice.watchlistId(),
                        notice.ruleKinds().contains(AlertNotice.IN_PICTURE) ? 1 : 0),
                        "immediate", now);
            } else {
                outbox.queueForDigest(notice, member, now);
            }
        }
    }
}
