package org.roomwatch.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.function.BiConsumer;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.cases.Cases;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.Users;
import org.roomwatch.core.watch.Watchlists;

/**
 * The API's security, assembled: the auth filter before every matched route ({@link AuthFilter}), the audit trail
 * after it ({@link AuditRecorder}), the session routes ({@link SessionRoutes}) and the admins' user and audit routes
 * ({@link UserAdminRoutes}). Handlers read who is acting through the static helpers here.
 */
public final class ApiSecurity {
    static final String COOKIE = "rw_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final Users users;
    private final AuditLog audit;
    private final SecurityConfig config;
    private final Clock clock;
    private final Sessions sessions;
    private final AccessPolicy policy = new AccessPolicy();
    private final Ownership ownership;

    public ApiSecurity(Users users, AuditLog audit, SecurityConfig config, Clock clock) {
        this(users, audit, config, clock, null, null);
    }

    /** Guarding {@code cases} (and their hash sets) and {@code watchlists} by who they belong to (need to know). */
    public ApiSecurity(Users users, AuditLog audit, SecurityConfig config, Clock clock, Cases cases, Watchlists watchlists) {
        this.ownership = new Ownership(cases, watchlists);
        this.users = users;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.sessions = new Sessions(config.sessionIdle(), config.sessionAbsolute(), clock);
    }

    AccessPolicy policy() {
        return policy;
    }

    /**
     * Whether the logged-in user may see the case, hash set or watchlist {@code key} names (for listings, which show
     * only what is the user's); admins and route tests without security see everything.
     */
    static boolean sees(Context ctx, Ownership.Scope scope, String key) {
        ApiSecurity security = ctx.attribute("auth.security");
        if (security == null || user(ctx) == null || role(ctx) == Role.ADMIN) {
            return true;
        }
        return security.ownership.mayAccess(scope, key, user(ctx));
    }

    void register(Javalin app, ObjectMapper mapper, BiConsumer<Context, Problem> problems) {
        AuditRecorder recorder = new AuditRecorder(audit, mapper);
        JsonBodies bodies = new JsonBodies(mapper);
        AuthFilter filter = new AuthFilter(users, sessions, policy, recorder, clock, problems, this, ownership);
        app.beforeMatched(filter::check);
        app.afterMatched(recorder::record);
        new SessionRoutes(users, sessions, config, clock, recorder, bodies, problems).register(app);
        new UserAdminRoutes(users, audit, sessions, bodies).register(app);
    }

    static String user(Context ctx) {
        return ctx.attribute("auth.user");
    }

    /**
     * Who is acting: the logged-in user when there is one (a "by" in the request cannot speak for someone else),
     * else what the request says (route tests run without security).
     */
    static String actor(Context ctx, String supplied) {
        String user = user(ctx);
        return user != null ? user : supplied;
    }

    static Role role(Context ctx) {
        return ctx.attribute("auth.role");
    }

    /** Ends a user's sessions (after a page disabled the user); the security instance is on the request. */
    static void endSessionsOf(Context ctx, String user) {
        ApiSecurity security = ctx.attribute("auth.security");
        if (security != null) {
            security.sessions.closeAll(user);
        }
    }

    /** Whether cookies go over HTTPS only (security.cookieSecure); true when no security is on the request. */
    static boolean cookieSecure(Context ctx) {
        ApiSecurity security = ctx.attribute("auth.security");
        return security == null || security.config.cookieSecure();
    }

    /** How many results a search or listing returned, for its audit entry. */
    static void results(Context ctx, long count) {
        ctx.attribute("audit.results", (int) Math.min(Integer.MAX_VALUE, count));
    }

    /** Adds what the handler alone knows (what a bundle contained) to the request's audit entry. */
    static void note(Context ctx, String text) {
        ctx.attribute("audit.note", text);
    }
}
