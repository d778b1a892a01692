package org.roomwatch.app;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.ops.Periodic;
import org.roomwatch.core.watch.AlertNotice;
import org.roomwatch.mail.AlertMailer;
import org.roomwatch.mail.Digests;
import org.roomwatch.mail.MailDispatcher;
import org.roomwatch.mail.SmtpSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert mail in two halves: alerts are found where messages are indexed (a crawler) and their mail is queued in the
 * database there; a process with the alerts role sends the outbox and builds the digests.
 */
final class MailWiring {
    private static final Logger log = LoggerFactory.getLogger(MailWiring.class);

    private MailWiring() {}

    /** Where a new alert's mail is planned: the outbox when mail is on, nowhere otherwise. */
    static Consumer<AlertNotice> planner(MailConfig mail, MailOutbox outbox, boolean plans) {
        return mail.enabled() && plans ? new AlertMailer(outbox, mail, Clock.systemUTC())::onAlert : notice -> { };
    }

    /** Sends the outbox every second and builds digests every {@code mail.digestInterval}. */
    static void startSending(MailConfig mail, MailOutbox outbox, Periodic periodic) {
        MailDispatcher dispatcher = new MailDispatcher(outbox, new SmtpSender(mail), mail, Clock.systemUTC());
        Digests digests = new Digests(outbox, mail, Clock.systemUTC());
        periodic.every("sending alert mail", Duration.ofSeconds(1), Duration.ofSeconds(1), dispatcher::runOnce);
        periodic.every("building digests", mail.digestInterval(), mail.digestInterval(), digests::run);
        log.info("Alert mail via {}:{} ({})", mail.host(), mail.port(), mail.security());
    }
}
