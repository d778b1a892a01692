package org.roomwatch.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.watch.AlertNotice;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.MutableClock;
import org.roomwatch.testkit.SmtpSink;
import org.roomwatch.testkit.SmtpSinkExtension;

/** Alert mail through a real SMTP server in the JVM (GreenMail) and a real H2 outbox. */
@ExtendWith({ControlPlaneExtension.class, SmtpSinkExtension.class})
class AlertMailTest {
    private ControlPlaneDatabase db;
    private SmtpSink smtp;
    private int port;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T00:00:00Z"));


    @BeforeEach
    void setUp(ControlPlaneDatabase database, SmtpSink sink) {
        db = database;
        smtp = sink;
        port = sink.port(); // nothing listens there until a test starts the sink
    }

    private MailConfig config(int perHour, int maxAttempts) {
        MailConfig d = new ConfigLoader().defaults().mail();
        return new MailConfig(true, "127.0.0.1", port, "none", "", "", "roomwatch@example.org", "http://roomwatch.local:8080",
                d.digestInterval(), perHour, maxAttempts, Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    private static AlertNotice notice(int n, boolean high, List<String> members) {
        return new AlertNotice("wl-1:telegram:hanbit_gossip:" + n, "wl-1", "사건 17", high, members, "telegram:hanbit_gossip",
                "한빛여고 소식방", List.of("term", "person"));
    }

    @Test
    void aHighPriorityAlertIsMailedAtOnceWithoutWhatMatched() throws Exception {
        smtp.start();
        MailConfig config = config(20, 8);
        MailOutbox outbox = new MailOutbox(db.dataSource());
        new AlertMailer(outbox, config, clock).onAlert(notice(1, true, List.of("kim@example.org", "lee@example.org")));
        assertEquals(2, new MailDispatcher(outbox, new SmtpSender(config), config, clock).runOnce());
        MimeMessage[] received = smtp.received();
        assertEquals(2, received.length);
        assertEquals("[roomwatch] 1 new alert (high priority)", received[0].getSubject());
        String text = SmtpSink.text(received[0]);
        // A list's name and a room's title often name the victim or her school: counts, priority and a link only.
        assertFalse(text.contains("한빛") || text.contains("사건 17") || text.contains("hanbit_gossip"), text);
        assertFalse(received[0].getSubject().contains("사건 17"), received[0].getSubject());
        assertTrue(text.contains("New alerts: 1 (high priority)"), text);
        assertTrue(text.contains("http://roomwatch.local:8080/alerts?state=new&watchlist=wl-1"), text);
        assertTrue(text.contains("never put in mail"), text);
        assertEquals(List.of(), outbox.withStatus("queued", 10));
    }

    @Test
    void anAlertMatchedInAPictureSaysSoButNotWhatWasRead() throws Exception {
        smtp.start();
        MailConfig config = config(20, 8);
        MailOutbox outbox = new MailOutbox(db.dataSource());
        AlertMailer mailer = new AlertMailer(outbox, config, clock);
        mailer.onAlert(new AlertNotice("wl-1:telegram:hanbit_gossip:1", "wl-1", "사건 17", true, List.of("kim@example.org"),
                "telegram:hanbit_gossip", "한빛여고 소식방", List.of("term", AlertNotice.IN_PICTURE)));
        for (int i = 2; i < 5; i++) {
            mailer.onAlert(new AlertNotice("wl-1:telegram:hanbit_gossip:" + i, "wl-1", "사건 17", false, List.of("kim@example.org"),
                    "telegram:hanbit_gossip", "한빛여고 소식방", i == 2 ? List.of("school", AlertNotice.IN_PICTURE) : List.of("term")));
        }
        new Digests(outbox, config, clock).run();
        assertEquals(2, new MailDispatcher(outbox, new SmtpSender(config), config, clock).runOnce());
        MimeMessage[] received = smtp.received();
        int high = received[0].getSubject().contains("high priority") ? 0 : 1;
        String immediate = SmtpSink.text(received[high]);
        String digest = SmtpSink.text(received[1 - high]);
        assertTrue(immediate.contains("It matched in the text of a picture."), immediate);
        assertTrue(digest.contains("New alerts: 3") && digest.contains("1 of them matched in the text of a picture."), digest);
        assertFalse(immediate.contains("한빛") || digest.contains("한빛"), "nothing read in a picture goes into mail");
    }

    @Test
    void aStormBecomesOneDigestPerRecipient() throws Exception {
        smtp.start();
        MailConfig config = config(20, 8);
        MailOutbox outbox = new MailOutbox(db.dataSource());
        AlertMailer mailer = new AlertMailer(outbox, config, clock);
        for (int i = 0; i < 1000; i++) {
            mailer.onAlert(notice(i, false, List.of("kim@example.org")));
        }
        mailer.onAlert(notice(5, false, List.of("kim@example.org"))); // the same alert again is not counted twice
        assertEquals(0, new MailDispatcher(outbox, new SmtpSender(config), config, clock).runOnce(), "normal lists wait for the digest");
        assertEquals(1, new Digests(outbox, config, clock).run());
        assertEquals(0, new Digests(outbox, config, clock).run(), "the queue was emptied with the digest");
        assertEquals(1, new MailDispatcher(outbox, new SmtpSender(config), config, clock).runOnce());
        MimeMessage[] received = smtp.received();
        assertEquals(1, received.length);
        assertEquals("[roomwatch] 1000 new alerts", received[0].getSubject());
    }

    @Test
    void pastTheHourlyLimitAlertsWaitForTheDigest() {
        MailConfig config = config(2, 8);
        MailOutbox outbox = new MailOutbox(db.dataSource());
        AlertMailer mailer = new AlertMailer(outbox, config, clock);
        for (int i = 0; i < 5; i++) {
            mailer.onAlert(notice(i, true, List.of("kim@example.org")));
        }
        assertEquals(2, outbox.withStatus("queued", 10).size());
        assertEquals(1, new Digests(outbox, config, clock).run());
        assertEquals(3, outbox.withStatus("queued", 10).size(), "two immediate mails and one digest of the other three");
        assertTrue(outbox.withStatus("queued", 10).stream().anyMatch(m -> m.subject().equals("[roomwatch] 3 new alerts")));
    }

    @Test
    void aServerThatIsDownLosesNothingAndIsRetriedWithBackoff() {
        MailConfig config = config(20, 3);
        MailOutbox outbox = new MailOutbox(db.dataSource());
        new AlertMailer(outbox, config, clock).onAlert(notice(1, true, List.of("kim@example.org")));
        MailDispatcher dispatcher = new MailDispatcher(outbox, new SmtpSender(config), config, clock);
        assertEquals(0, dispatcher.runOnce(), "nothing listens on the port yet");
        MailOutbox.Mail waiting = outbox.withStatus("queued", 10).get(0);
        assertEquals(1, waiting.attempts());
        assertEquals(clock.instant().plusSeconds(30), waiting.nextAttemptAt());
        assertEquals(0, dispatcher.runOnce(), "not due yet: no attempt");
        assertEquals(1, outbox.withStatus("queued", 10).get(0).attempts());

        smtp.start();
        clock.advance(Duration.ofSeconds(31));
        assertEquals(1, dispatcher.runOnce());
        assertEquals(1, smtp.received().length);
        assertEquals(1, outbox.withStatus("sent", 10).size());
    }

    @Test
    void aSendThatKeepsFailingIsMarkedFailedAndStaysVisible() {
        MailConfig config = config(20, 3);
        MailOutbox outbox = new MailOutbox(db.dataSource());
        new AlertMailer(outbox, config, clock).onAlert(notice(1, true, List.of("kim@example.org", "not an address")));
        MailDispatcher dispatcher = new MailDispatcher(outbox, new SmtpSender(config), config, clock);
        for (int i = 0; i < 5; i++) {
            dispatcher.runOnce();
            clock.advance(Duration.ofMinutes(30));
        }
        List<MailOutbox.Mail> failed = outbox.withStatus("failed", 10);
        assertEquals(2, failed.size());
        assertTrue(failed.stream().anyMatch(m -> m.recipient().equals("not an address") && m.attempts() == 1
                && m.lastError().startsWith("unusable address")), failed.toString());
        assertTrue(failed.stream().anyMatch(m -> m.recipient().equals("kim@example.org") && m.attempts() == 3), failed.toString());
        assertFalse(failed.get(0).body().isEmpty(), "the mail itself is kept");
    }

    @Test
    void overTlsWithAuthentication() throws Exception {
        smtp.startTls("roomwatch@example.org", "mailer", "s3cret-synthetic");
        MailConfig d = config(20, 8);
        MailConfig tls = new MailConfig(true, "127.0.0.1", port, "tls", "mailer", "s3cret-synthetic", d.from(), d.baseUrl(),
                d.digestInterval(), 20, 8, Duration.ofSeconds(30), Duration.ofSeconds(5));
        java.util.Properties testTrust = new java.util.Properties();
        // The test server's certificate is self-signed: trust that host's certificate, in this test only.
        testTrust.put("mail.smtp.ssl.trust", "127.0.0.1");
        testTrust.put("mail.smtp.ssl.checkserveridentity", "false"); // its certificate names no host at all
        new SmtpSender(tls, testTrust).send("kim@example.org", "[roomwatch] tls", "body");
        assertEquals(1, smtp.received().length);
        assertEquals("[roomwatch] tls", smtp.received()[0].getSubject());
        assertFalse(tls.toString().contains("s3cret"), "the password is never printed: " + tls);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsAFailedSendRetriedLater() throws Exception {
        // Accepted sockets are held until the test ends: a dropped one can be closed by the JDK's cleaner once
        // it is unreachable, and the client then reads EOF ("bad greeting") instead of silence.
        List<java.net.Socket> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (ServerSocket silent = new ServerSocket(port)) {
            Thread accepter = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // and say nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            accepter.setDaemon(true);
            accepter.start();
            MailConfig config = config(20, 3);
            MailOutbox outbox = new MailOutbox(db.dataSource());
            new AlertMailer(outbox, config, clock).onAlert(notice(1, true, List.of("kim@example.org")));
            assertEquals(0, new MailDispatcher(outbox, new SmtpSender(config), config, clock).runOnce());
            MailOutbox.Mail waiting = outbox.withStatus("queued", 10).get(0);
            assertEquals(1, waiting.attempts());
            assertTrue(waiting.lastError().contains("timed out"), waiting.lastError());
        } finally {
            synchronized (held) {
                for (java.net.Socket socket : held) {
                    socket.close();
                }
            }
        }
    }
}
