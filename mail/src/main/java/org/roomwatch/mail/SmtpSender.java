package org.roomwatch.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.roomwatch.core.config.MailConfig;

/** Sends one mail over SMTP with Jakarta Mail: STARTTLS or TLS as configured, authentication when a user is set. */
public final class SmtpSender {
    private final MailConfig config;
    private final Session session;

    public SmtpSender(MailConfig config) {
        this(config, new Properties());
    }

    /** With extra Jakarta Mail properties over the configured ones (tests use a test server's TLS socket factory). */
    SmtpSender(MailConfig config, Properties extra) {
        this.config = config;
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        String timeout = Long.toString(config.timeout().toMillis());
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        switch (config.security()) {
            case "starttls" -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case "tls" -> p.put("mail.smtp.ssl.enable", "true");
            default -> { }
        }
        p.putAll(extra);
        boolean auth = !config.username().isEmpty();
        p.put("mail.smtp.auth", Boolean.toString(auth));
        this.session = auth ? Session.getInstance(p, new jakarta.mail.Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(config.username(), config.password());
            }
        }) : Session.getInstance(p);
    }

    public void send(String recipient, String subject, String body) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(body, StandardCharsets.UTF_8.name());
        Transport.send(message);
    }
}
