package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.Users;

/** Logging in and out (API and pages), "who am I" with the session's CSRF token, and a user's own API tokens. */
final class SessionRoutes {
    private final Users users;
    private final Sessions sessions;
    private final SecurityConfig config;
    private final Clock clock;
    private final AuditRecorder recorder;
    private final JsonBodies bodies;
    private final BiConsumer<Context, Problem> problem;
    private final LoginThrottle throttle;

    SessionRoutes(Users users, Sessions sessions, SecurityConfig config, Clock clock, AuditRecorder recorder, JsonBodies bodies,
                  BiConsumer<Context, Problem> problem) {
        this.users = users;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
        this.recorder = recorder;
        this.bodies = bodies;
        this.problem = problem;
        this.throttle = new LoginThrottle(config.loginsPerMinutePerAddress());
    }

    void register(Javalin app) {
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/api/me", this::me);
        app.get("/api/me/tokens", ctx -> ctx.json(Map.of("tokens", users.tokens(ApiSecurity.user(ctx)))));
        app.post("/api/me/tokens", this::createToken);
        app.delete("/api/me/tokens/{id}", this::revokeToken);
    }

    private void login(Context ctx) {
        if (String.valueOf(ctx.contentType()).startsWith("multipart/")) {
            // A login is two short fields: a multipart body would only be buffered for nothing.
            problem.accept(ctx, new Problem(Problem.BASE + "unsupported-media-type", "Unsupported media type", 415,
                    "log in with a JSON body {\"user\", \"password\"} or a plain form, not multipart", null));
            recorder.append(ctx, "multipart login refused");
            return;
        }
        Duration wait = throttle.attempt(ctx.ip(), clock.instant());
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            problem.accept(ctx, new Problem(Problem.BASE + "too-many-logins", "Too many login attempts", 429,
                    "too many login attempts from this address; try again in " + Math.max(1, wait.toSeconds()) + " s", null));
            recorder.append(ctx, "login attempts from this address throttled");
            return;
        }
        boolean form = AuthFilter.isForm(ctx);
        if (form && !LoginPage.tokenMatches(ctx)) {
            ctx.status(403);
            LoginPage.login(ctx, I18n.t(Layout.lang(ctx), "loginExpired"));
            recorder.append(ctx, "login form without its page's token (login CSRF, or a stale page)");
            return;
        }
        JsonNode body = form ? bodies.empty() : bodies.object(ctx);
        String name = (form ? String.valueOf(ctx.formParam("user") == null ? "" : ctx.formParam("user")) : body.path("user").asText("")).strip();
        String password = form ? (ctx.formParam("password") == null ? "" : ctx.formParam("password")) : body.path("password").asText("");
        ctx.attribute("audit.actor", name.isEmpty() ? "-" : name.length() > 64 ? name.substring(0, 64) : name);
        Users.Login login = users.authenticate(name, password, clock.instant());
        if (!login.ok()) {
            if (form) {
                ctx.status(401);
                // A locked account is told so, and until when: otherwise an officer keeps retrying a right password.
                LoginPage.login(ctx, login.lockedUntil() != null && login.lockedUntil().isAfter(clock.instant())
                        ? I18n.format(Layout.lang(ctx), "loginLocked", Layout.when(login.lockedUntil().toString()))
                        : I18n.t(Layout.lang(ctx), "loginFailed"));
            } else {
                problem.accept(ctx, new Problem(Problem.BASE + "login-failed", "Login failed", 401,
                        "wrong user name or password, or the user is locked out or disabled", null));
            }
            recorder.append(ctx, login.reason());
            return;
        }
        Sessions.Session session = sessions.open(login.user().name(), login.user().role());
        ctx.attribute("auth.user", session.user);
        ctx.attribute("auth.role", session.role);
        ctx.header("Set-Cookie", ApiSecurity.COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + sessions.absolute().toSeconds() + (config.cookieSecure() ? "; Secure" : ""));
        if (form) {
            if (!LoginPage.resume(ctx, session.csrf)) {
                ctx.status(303).header("Location", LocalRedirect.of(ctx.formParam("next")).orElse("/search"));
            }
            return;
        }
        ctx.json(me(session.user, session.role, session.csrf));
    }

    private static Map<String, Object> me(String user, Role role, String csrf) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", user);
        me.put("role", role.key());
        if (csrf != null) {
            me.put("csrf", csrf);
        }
        return me;
    }

    private void logout(Context ctx) {
        sessions.close(ctx.cookie(ApiSecurity.COOKIE));
        ctx.header("Set-Cookie", ApiSecurity.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (config.cookieSecure() ? "; Secure" : ""));
        if (AuthFilter.isForm(ctx)) {
            ctx.status(303).header("Location", "/login");
            return;
        }
        ctx.json(Map.of("loggedOut", true));
    }

    private void me(Context ctx) {
        String csrf = sessions.find(ctx.cookie(ApiSecurity.COOKIE)).map(s -> s.csrf).orElse(null);
        ctx.json(me(ApiSecurity.user(ctx), ApiSecurity.role(ctx), csrf));
    }

    private void createToken(Context ctx) {
        Users.NewToken token = users.createToken(ApiSecurity.user(ctx), bodies.object(ctx).path("label").asText("token"));
        ctx.status(201).json(Map.of("id", token.id(), "token", token.secret(),
                "note", "copy the token now: it is not shown again and only its hash is kept"));
    }

    private void revokeToken(Context ctx) {
        if (!users.revokeToken(ApiSecurity.user(ctx), ctx.pathParam("id"))) {
            problem.accept(ctx, Problem.notFound("you have no token " + ctx.pathParam("id")));
            return;
        }
        ctx.json(Map.of("revoked", ctx.pathParam("id")));
    }
}
