package org.roomwatch.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.roomwatch.core.security.Role;

/**
 * Logged-in sessions, in this process's memory: a random 256-bit id (the cookie), the user and role, a CSRF token,
 * and the times that end it (idle and absolute). A restart logs everyone out, which is the safe direction.
 */
final class Sessions {
    /** One session. {@code lastSeen} moves with every request. */
    static final class Session {
        final String id;
        final String user;
        final Role role;
        final String csrf;
        final Instant created;
        volatile Instant lastSeen;

        Session(String id, String user, Role role, String csrf, Instant created) {
            this.id = id;
            this.user = user;
            this.role = role;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    Sessions(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Session open(String user, Role role) {
        Session s = new Session(random(), user, role, random(), clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    /** The live session with this id; an expired one is removed and not returned. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen.plus(idle)) || now.isAfter(s.created.plus(absolute))) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user (disabled, password reset). */
    void closeAll(String user) {
        sessions.values().removeIf(s -> s.user.equals(user));
    }

    Duration absolute() {
        return absolute;
    }
}
