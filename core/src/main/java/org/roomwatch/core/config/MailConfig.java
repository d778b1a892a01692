package org.roomwatch.core.config;

import java.time.Duration;
import java.util.Set;

/**
 * Alert mail. {@code security}: none, starttls or tls. {@code baseUrl} is where the links in mails point (this
 * server as officers reach it). High-priority lists mail at once; others in a digest every {@code digestInterval}.
 * A recipient gets at most {@code perRecipientPerHour} immediate mails; the rest wait for the digest. A send that
 * fails is retried with backoff from {@code retryBackoff}, up to {@code maxAttempts}, and then shown as failed. A server
 * that answers nothing within {@code timeout} (connecting, reading or writing) counts as a failed send.
 */
public record MailConfig(boolean enabled, String host, int port, String security, String username, String password,
                         String from, String baseUrl, Duration digestInterval, int perRecipientPerHour, int maxAttempts,
                         Duration retryBackoff, Duration timeout) {
    public MailConfig {
        host = Check.required("mail.host", host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("mail.port must be between 1 and 65535, got " + port);
        }
        security = Check.required("mail.security", security);
        if (!Set.of("none", "starttls", "tls").contains(security)) {
            throw new IllegalArgumentException("mail.security must be none, starttls or tls, got " + security);
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        from = Check.required("mail.from", from);
        baseUrl = Check.required("mail.baseUrl", baseUrl).replaceAll("/+$", "");
        Check.positive("mail.digestInterval", digestInterval);
        Check.atLeast("mail.perRecipientPerHour", perRecipientPerHour, 1);
        Check.atLeast("mail.maxAttempts", maxAttempts, 1);
        Check.positive("mail.retryBackoff", retryBackoff);
        Check.positive("mail.timeout", timeout);
    }

    public MailConfig withServer(String newHost, int newPort) {
        return new MailConfig(enabled, newHost, newPort, security, username, password, from, baseUrl, digestInterval,
                perRecipientPerHour, maxAttempts, retryBackoff, timeout);
    }

    @Override
    public String toString() {
        return "MailConfig[" + host + ":" + port + ", " + security + ", user=" + username + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
