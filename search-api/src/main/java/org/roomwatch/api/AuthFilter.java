package org.roomwatch.api;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;

/**
 * Before every matched route: who is asking (the session cookie, or a personal API token as
 * {@code Authorization: Bearer}), whether their role may call the route ({@link AccessPolicy}), and, for a
 * state-changing request made with the cookie, the CSRF token ({@code X-CSRF-Token}). A refusal is answered here and
 * audited.
 */
final class AuthFilter {
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Users users;
    private final Sessions sessions;
    private final AccessPolicy policy;
    private final AuditRecorder recorder;
    private final Clock clock;
    private final BiConsumer<Context, Problem> problem;
    private final ApiSecurity security;
    private final Ownership ownership;

    AuthFilter(Users users, Sessions sessions, AccessPolicy policy, AuditRecorder recorder, Clock clock,
               BiConsumer<Context, Problem> problem, ApiSecurity security, Ownership ownership) {
        this.ownership = ownership;
        this.users = users;
        this.sessions = sessions;
        this.policy = policy;
        this.recorder = recorder;
        this.clock = clock;
        this.problem = problem;
        this.security = security;
    }

    static String route(Context ctx) {
        return ctx.method().name() + " " + ctx.endpointHandlerPath();
    }

    private void refuse(Context ctx, Problem p) {
        if (ctx.path().startsWith("/api/")) {
            problem.accept(ctx, p);
        } else if (p.status() == 401 && "POST".equals(ctx.method().name()) && isForm(ctx) && !ctx.path().equals("/logout")) {
            // A form sent after the session ended: the login page, carrying the form's fields to send again after.
            ctx.status(401);
            LoginPage.login(ctx, I18n.t(Layout.lang(ctx), "login.expired"));
        } else if (p.status() == 401) {
            // A page: send the browser to the login page, and back here afterwards.
            String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.status(303).header("Location", "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        } else {
            // A page says it in the user's words; the technical detail goes to the audit trail only.
            String lang = Layout.lang(ctx);
            String why = p.type().endsWith("csrf") ? "refused.csrf" : p.status() == 404 ? "refused.notFound"
                    : p.status() == 503 ? "refused.audit" : "forbidden";
            Layout.messagePage(ctx, p.status(), I18n.t(lang, "refused.title"), I18n.t(lang, why));
        }
        ctx.skipRemainingHandlers();
        recorder.append(ctx, p.detail());
    }

    void check(Context ctx) {
        String route = route(ctx);
        // After-handlers see their own path ("*"), not the endpoint's: keep the matched route for the audit entry.
        ctx.attribute("audit.route", route);
        ctx.attribute("auth.security", security);
        Optional<AccessPolicy.Rule> rule = policy.rule(ctx.method().name(), ctx.endpointHandlerPath());
        if (rule.isEmpty()) {
            refuse(ctx, new Problem(Problem.BASE + "forbidden", "Forbidden", 403, "no access rule covers " + route, null));
            return;
        }
        if (rule.get().open()) {
            auditBefore(ctx);
            return;
        }
        String via;
        Sessions.Session session = sessions.find(ctx.cookie(ApiSecurity.COOKIE)).orElse(null);
        String authorization = ctx.header("Authorization");
        if (session != null) {
            ctx.attribute("auth.user", session.user);
            ctx.attribute("auth.role", session.role);
            ctx.attribute("auth.csrf", session.csrf);
            via = "session";
        } else if (authorization != null && authorization.startsWith("Bearer ")) {
            Optional<User> owner = users.authenticateToken(authorization.substring(7).strip(), clock.instant());
            if (owner.isEmpty()) {
                refuse(ctx, unauthorized("the API token is unknown, revoked, or its user is disabled"));
                return;
            }
            ctx.attribute("auth.user", owner.get().name());
            ctx.attribute("auth.role", owner.get().role());
            via = "token";
        } else {
            refuse(ctx, unauthorized(ctx.cookie(ApiSecurity.COOKIE) != null ? "the session has expired: log in again" : "log in first"));
            return;
        }
        if (!rule.get().allows(ApiSecurity.role(ctx))) {
            refuse(ctx, new Problem(Problem.BASE + "forbidden", "Forbidden", 403, "a " + ApiSecurity.role(ctx).key() + " may not " + route
                    + " (needs " + rule.get().role().key() + ")", null));
            return;
        }
        if (rule.get().scope() != null && ApiSecurity.role(ctx) != Role.ADMIN) {
            String key = ctx.pathParamMap().containsKey(rule.get().param()) ? ctx.pathParam(rule.get().param())
                    : ctx.queryParam(rule.get().param());
            if (key != null && !ownership.mayAccess(rule.get().scope(), key, ApiSecurity.user(ctx))) {
                // As for a thing that does not exist: another analyst's case is not even confirmed to be there.
                refuse(ctx, Problem.notFound("no " + rule.get().scope().name().toLowerCase(java.util.Locale.ROOT) + " " + key
                        + " that you may see"));
                return;
            }
        }
        // A token is never sent by a browser on its own: only cookie sessions need the CSRF check.
        if (via.equals("session") && !SAFE_METHODS.contains(ctx.method().name())) {
            String sent = ctx.header(ApiSecurity.CSRF_HEADER);
            if (sent == null && isForm(ctx)) {
                sent = ctx.formParam("_csrf");
            }
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    session.csrf.getBytes(StandardCharsets.UTF_8))) {
                refuse(ctx, new Problem(Problem.BASE + "csrf", "Missing or wrong CSRF token", 403, sent == null
                        ? "a change made with the session cookie must send the " + ApiSecurity.CSRF_HEADER + " header from GET /api/me"
                        : "the " + ApiSecurity.CSRF_HEADER + " header does not match this session", null));
                return;
            }
        }
        auditBefore(ctx);
    }

    /** Writes the request's audit entry before anything acts; if the log cannot be written, refuses it (fail closed). */
    private void auditBefore(Context ctx) {
        if (recorder.before(ctx)) {
            return;
        }
        AuditRecorder.skip(ctx);
        Problem p = new Problem(Problem.BASE + "audit-unavailable", "The audit log cannot be written", 503,
                "every request is recorded before it acts, and the audit log is not answering: nothing was done; try again later", null);
        if (ctx.path().startsWith("/api/")) {
            problem.accept(ctx, p);
        } else {
            Layout.messagePage(ctx, 503, p.title(), p.detail());
        }
        ctx.skipRemainingHandlers();
    }

    static boolean isForm(Context ctx) {
        String type = String.valueOf(ctx.contentType());
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    private static Problem unauthorized(String detail) {
        return new Problem(Problem.BASE + "unauthorized", "Not logged in", 401, detail, null);
    }
}
