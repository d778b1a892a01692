package org.roomwatch.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.ops.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds when it is due. A failure waits and is tried again (the wait doubling from
 * {@code retryBackoff}, at most an hour); after {@code maxAttempts} the mail is marked failed and stays visible.
 * A recipient the server refuses outright is failed at once: retrying would not help.
 */
public final class MailDispatcher {
    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final MailOutbox outbox;
    private final SmtpSender sender;
    private final MailConfig config;
    private final Clock clock;

    public MailDispatcher(MailOutbox outbox, SmtpSender sender, MailConfig config, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    /** Sends the mails due now; returns how many were sent. */
    public int runOnce() {
        int sent = 0;
        for (MailOutbox.Mail mail : outbox.due(clock.instant(), 100)) {
            try {
                sender.send(mail.recipient(), mail.subject(), mail.body());
                outbox.markSent(mail.id(), clock.instant());
                Meters.alertMail("sent");
                sent++;
            } catch (SendFailedException e) {
                if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                    String reply = serverReplies(e);
                    log.warn("Mail {} refused for its recipient: {}", mail.id(), reply);
                    outbox.markFailed(mail.id(), "recipient refused: " + reply);
                    Meters.alertMail("failed");
                } else {
                    retry(mail, e);
                }
            } catch (jakarta.mail.internet.AddressException e) {
                log.warn("Mail {} has an unusable address: {}", mail.id(), e.getMessage());
                outbox.markFailed(mail.id(), "unusable address: " + e.getMessage());
                Meters.alertMail("failed");
            } catch (MessagingException | RuntimeException e) {
                retry(mail, e);
            }
        }
        return sent;
    }

    /**
     * The server's own words: Jakarta Mail's outer message is only "Invalid Addresses"; the SMTP reply ("550 no such
     * user") is on the chained exceptions.
     */
    private static String serverReplies(MessagingException e) {
        java.util.List<String> replies = new java.util.ArrayList<>();
        for (Exception next = e.getNextException(); next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next.getMessage() != null && !next.getMessage().isBlank()) {
                replies.add(next.getMessage().strip());
            }
        }
        return replies.isEmpty() ? String.valueOf(e.getMessage()) : String.join("; ", replies);
    }

    private void retry(MailOutbox.Mail mail, Exception e) {
        int attempts = mail.attempts() + 1;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String error = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
        if (attempts >= config.maxAttempts()) {
            log.warn("Mail {} failed {} times and is given up: {}", mail.id(), attempts, error);
            outbox.markFailed(mail.id(), error);
            Meters.alertMail("failed");
            return;
        }
        Duration wait = config.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
        if (wait.compareTo(Duration.ofHours(1)) > 0) {
            wait = Duration.ofHours(1);
        }
        Instant next = clock.instant().plus(wait);
        log.info("Mail {} not sent (attempt {}), next try at {}: {}", mail.id(), attempts, next, error);
        outbox.markRetry(mail.id(), error, next);
        Meters.alertMail("retry");
    }
}
