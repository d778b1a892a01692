package org.roomwatch.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.watch.AlertNotice;

/**
 * Turns everything waiting for a digest into one mail per recipient and list, in the same transaction that empties
 * the queue: ten thousand matches in a minute become one mail, and none is lost or mailed twice.
 */
public final class Digests {
    private final MailOutbox outbox;
    private final MailConfig config;
    private final Clock clock;

    public Digests(MailOutbox outbox, MailConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Builds the digests due now; returns how many mails were queued. */
    public int run() {
        return outbox.drainDigestQueue(this::compose, clock.instant());
    }

    private List<MailOutbox.NewMail> compose(List<MailOutbox.Queued> queued) {
        Map<String, List<MailOutbox.Queued>> groups = new LinkedHashMap<>();
        for (MailOutbox.Queued q : queued) {
            groups.computeIfAbsent(q.recipient() + "\u0000" + q.watchlistId(), k -> new ArrayList<>()).add(q);
        }
        List<MailOutbox.NewMail> mails = new ArrayList<>();
        for (List<MailOutbox.Queued> group : groups.values()) {
            MailOutbox.Queued first = group.get(0);
            mails.add(new MailOutbox.NewMail(first.recipient(), AlertMails.subject(group.size(), false),
                    AlertMails.body(group.size(), false, config.baseUrl(), first.watchlistId(), (int) group.stream()
                            .filter(q -> q.ruleKinds() != null && List.of(q.ruleKinds().split(",")).contains(AlertNotice.IN_PICTURE)).count()),
                    "digest"));
        }
        return mails;
    }
}
