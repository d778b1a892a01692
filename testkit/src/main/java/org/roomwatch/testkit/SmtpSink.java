package org.roomwatch.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A real SMTP server in the JVM (GreenMail) on a loopback port chosen up front, so a test can point a mailer at it
 * before it listens (a mail sent while nothing listens must fail and be retried) and start it when it wants. Plain
 * SMTP by {@link #start}, SMTP over TLS with one user by {@link #startTls}; stopped when the test ends.
 */
public final class SmtpSink implements AutoCloseable {
    private final int port = FreePorts.pick();
    private GreenMail server;

    public int port() {
        return port;
    }

    /** Starts listening for plain SMTP on {@link #port}. */
    public SmtpSink start() {
        return start(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), null, null, null);
    }

    /** Starts listening for SMTP over TLS (a self-signed certificate) that accepts only {@code login}/{@code password}. */
    public SmtpSink startTls(String address, String login, String password) {
        return start(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS), address, login, password);
    }

    private synchronized SmtpSink start(ServerSetup setup, String address, String login, String password) {
        if (server != null) {
            throw new IllegalStateException("the SMTP sink on port " + port + " is already listening");
        }
        server = new GreenMail(setup);
        if (login != null) {
            server.setUser(address, login, password);
        }
        server.start();
        return this;
    }

    /** Every mail received so far, oldest first. */
    public synchronized MimeMessage[] received() {
        return server == null ? new MimeMessage[0] : server.getReceivedMessages();
    }

    /** The text of a received mail's body, its transfer encoding undone. */
    public static String text(MimeMessage mail) {
        try {
            String raw = GreenMailUtil.getBody(mail);
            String encoding = mail.getEncoding() == null ? "7bit" : mail.getEncoding();
            return new String(MimeUtility.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)), encoding)
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable mail: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
