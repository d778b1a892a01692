package org.roomwatch.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomwatch.controlplane.ControlPlaneDatabase;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.MailConfig;
import org.roomwatch.core.watch.AlertNotice;
import org.roomwatch.testkit.ControlPlaneExtension;
import org.roomwatch.testkit.FreePorts;
import org.roomwatch.testkit.MutableClock;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP conversations GreenMail cannot hold, against another real SMTP server in the JVM (SubEthaSMTP): STARTTLS
 * with authentication, and a server that refuses one recipient with a 5xx reply.
 */
@ExtendWith(ControlPlaneExtension.class)
class SmtpConversationTest {
    private static final String REFUSED = "gone@example.org";

    private ControlPlaneDatabase db;
    private SMTPServer server;
    private int port;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T00:00:00Z"));

    @BeforeEach
    void setUp(ControlPlaneDatabase database) throws Exception {
        db = database;
        port = FreePorts.pick();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop();
        }
    }

    /** Keeps each delivered mail's recipient and text; refuses {@link #REFUSED} at RCPT TO. */
    private final SimpleMessageListener recorder = new SimpleMessageListener() {
        @Override
        public boolean accept(String from, String recipient) {
            return !recipient.equalsIgnoreCase(REFUSED);
        }

        @Override
        public void deliver(String from, String recipient, InputStream data) throws IOException {
            delivered.add(recipient + "\n" + new String(data.readAllBytes(), StandardCharsets.UTF_8));
        }
    };

    /** A server that answers STARTTLS with a self-signed certificate (GreenMail's test key) and requires it. */
    private void startStartTlsServer() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(new DummySSLServerSocketFactory().getKeyStore(), "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress())
                .simpleMessageListener(recorder)
                .enableTLS().requireTLS().startTlsSocketFactory(tls)
                .requireAuth().authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
                    if (!user.equals("mailer") || !password.equals("s3cret-synthetic")) {
                        throw new LoginFailedException();
                    }
                }))
                .build();
        server.start();
    }

    private MailConfig config(String security, String user, String password) {
        MailConfig d = new ConfigLoader().defaults().mail();
        return new MailConfig(true, "127.0.0.1", port, security, user, password, "roomwatch@example.org",
                "http://roomwatch.local:8080", d.digestInterval(), 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private static Properties trustTestCertificate() {
        Properties p = new Properties();
        // The test server's certificate is self-signed and names no host: trust it, in this test only.
        p.put("mail.smtp.ssl.trust", "127.0.0.1");
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        return p;
    }

    @Test
    void overStartTlsWithAuthentication() throws Exception {
        startStartTlsServer();
        new SmtpSender(config("starttls", "mailer", "s3cret-synthetic"), trustTestCertificate())
                .send("kim@example.org", "[roomwatch] starttls", "본문");
        assertEquals(1, delivered.size());
        assertTrue(delivered.get(0).startsWith("kim@example.org\n"), delivered.get(0));
        assertTrue(delivered.get(0).contains("[roomwatch] starttls"), delivered.get(0));
    }

    @Test
    void withoutStartTlsTheServerThatRequiresItSendsNothing() throws Exception {
        startStartTlsServer();
        // The same server, but the config says plain SMTP: the server refuses, and the error says why.
        MessagingException e = assertThrows(MessagingException.class, () ->
                new SmtpSender(config("none", "", "")).send("kim@example.org", "[roomwatch] plain", "본문"));
        assertTrue(String.valueOf(e.getMessage()).contains("STARTTLS") || e.toString().contains("530"), e.toString());
        assertEquals(0, delivered.size());
    }

    @Test
    void aWrongPasswordIsAFailedSendRetriedLaterNotLost() throws Exception {
        startStartTlsServer();
        MailConfig config = config("starttls", "mailer", "wrong");
        MailOutbox outbox = new MailOutbox(db.dataSource());
        new AlertMailer(outbox, config, clock).onAlert(notice(List.of("kim@example.org")));
        assertEquals(0, new MailDispatcher(outbox, new SmtpSender(config, trustTestCertificate()), config, clock).runOnce());
        MailOutbox.Mail waiting = outbox.withStatus("queued", 10).get(0);
        assertEquals(1, waiting.attempts());
        assertTrue(waiting.lastError().contains("Authentication"), waiting.lastError());
    }

    @Test
    void aRecipientTheServerRefusesIsFailedAtOnceAndTheOthersAreSent() throws Exception {
        server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).simpleMessageListener(recorder).build();
        server.start();
        MailConfig config = config("none", "", "");
        MailOutbox outbox = new MailOutbox(db.dataSource());
        new AlertMailer(outbox, config, clock).onAlert(notice(List.of("kim@example.org", REFUSED)));
        assertEquals(1, new MailDispatcher(outbox, new SmtpSender(config), config, clock).runOnce());

        assertEquals(1, delivered.size());
        assertTrue(delivered.get(0).startsWith("kim@example.org\n"), delivered.get(0));
        List<MailOutbox.Mail> failed = outbox.withStatus("failed", 10);
        assertEquals(1, failed.size(), failed.toString());
        assertEquals(REFUSED, failed.get(0).recipient());
        assertEquals(1, failed.get(0).attempts(), "a refusal is not retried");
        assertTrue(failed.get(0).lastError().startsWith("recipient refused"), failed.get(0).lastError());
        assertTrue(failed.get(0).lastError().contains("553") || failed.get(0).lastError().contains("550"),
                "the server's reply is kept: " + failed.get(0).lastError());
        assertEquals(0, outbox.withStatus("queued", 10).size());
    }

    private static AlertNotice notice(List<String> members) {
        return new AlertNotice("wl-1:telegram:hanbit_gossip:1", "wl-1", "사건 17", true, members, "telegram:hanbit_gossip",
                "한빛여고 소식방", List.of("term"));
    }
}
