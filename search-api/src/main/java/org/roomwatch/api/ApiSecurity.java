package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;

/**
 * Logins, sessions, roles, CSRF and the audit trail of the API. Before every matched route: who is asking (the
 * session cookie, or a personal API token as {@code Authorization: Bearer}), whether their role may call the route
 * ({@link AccessPolicy}), and, for a state-changing request made with the cookie, the CSRF token
 * ({@code X-CSRF-Token}). After every route but health, the API description and "who am I": an audit entry with
 * who, from where, what, the filters and how many results. Refusals are audited too.
 */
public final class ApiSecurity {
    static final String COOKIE = "rw_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /**
     * Routes that write no audit entry: nothing about a case is read there. Readiness and metrics are polled every few
     * seconds by machines, and must answer (503, naming the database) while the database is down.
     */
    private static final Set<String> NOT_AUDITED = Set.of("GET /api/health", "GET /api/ready", "GET /metrics",
            "GET /api/openapi.json", "GET /api/me", "GET /static/app.css", "GET /static/roomwatch-hash.js",
            "GET /static/case-hashing.js", "GET /", "GET /login");
    private static final Set<String> SECRET_FIELDS = Set.of("password", "newPassword", "token", "secret");

    private final Users users;
    private final AuditLog audit;
    private final SecurityConfig config;
    private final Clock clock;
    private final Sessions sessions;
    private final AccessPolicy policy = new AccessPolicy();
    private ObjectMapper json;
    private BiConsumer<Context, Problem> problem;

    public ApiSecurity(Users users, AuditLog audit, SecurityConfig config, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.sessions = new Sessions(config.sessionIdle(), config.sessionAbsolute(), clock);
    }

    AccessPolicy policy() {
        return policy;
    }

    void register(Javalin app, ObjectMapper mapper, BiConsumer<Context, Problem> problems) {
        this.json = mapper;
        this.problem = problems;
        app.beforeMatched(this::check);
        app.afterMatched(this::record);
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/api/me", this::me);
        app.get("/api/me/tokens", ctx -> ctx.json(Map.of("tokens", users.tokens(user(ctx)))));
        app.post("/api/me/tokens", this::createToken);
        app.delete("/api/me/tokens/{id}", this::revokeToken);
        app.get("/api/users", ctx -> ctx.json(Map.of("users", users.list())));
        app.post("/api/users", this::addUser);
        app.post("/api/users/{name}/disable", ctx -> setDisabled(ctx, true));
        app.post("/api/users/{name}/enable", ctx -> setDisabled(ctx, false));
        app.post("/api/users/{name}/password", this::resetPassword);
        app.get("/api/audit", this::readAudit);
        app.get("/api/audit/verify", ctx -> ctx.json(audit.verify()));
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

    /** How many results a search or listing returned, for its audit entry. */
    static void results(Context ctx, long count) {
        ctx.attribute("audit.results", (int) Math.min(Integer.MAX_VALUE, count));
    }

    private static String route(Context ctx) {
        return ctx.method().name() + " " + ctx.endpointHandlerPath();
    }

    private void refuse(Context ctx, Problem p) {
        if (ctx.path().startsWith("/api/")) {
            problem.accept(ctx, p);
        } else if (p.status() == 401) {
            // A page: send the browser to the login page, and back here afterwards.
            String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.status(303).header("Location", "/login?next=" + java.net.URLEncoder.encode(back, StandardCharsets.UTF_8));
        } else {
            WebPages.messagePage(ctx, p.status(), p.title(), I18n.t(WebPages.lang(ctx), "forbidden") + " (" + p.detail() + ")");
        }
        ctx.skipRemainingHandlers();
        append(ctx, p.detail());
    }

    private void check(Context ctx) {
        String route = route(ctx);
        // After-handlers see their own path ("*"), not the endpoint's: keep the matched route for the audit entry.
        ctx.attribute("audit.route", route);
        ctx.attribute("auth.security", this);
        Optional<AccessPolicy.Rule> rule = policy.rule(ctx.method().name(), ctx.endpointHandlerPath());
        if (rule.isEmpty()) {
            refuse(ctx, new Problem(Problem.BASE + "forbidden", "Forbidden", 403, "no access rule covers " + route, null));
            return;
        }
        if (rule.get().open()) {
            return;
        }
        String via;
        Sessions.Session session = sessions.find(ctx.cookie(COOKIE)).orElse(null);
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
            refuse(ctx, unauthorized(ctx.cookie(COOKIE) != null ? "the session has expired: log in again" : "log in first"));
            return;
        }
        if (!rule.get().allows(role(ctx))) {
            refuse(ctx, new Problem(Problem.BASE + "forbidden", "Forbidden", 403, "a " + role(ctx).key() + " may not " + route
                    + " (needs " + rule.get().role().key() + ")", null));
            return;
        }
        // A token is never sent by a browser on its own: only cookie sessions need the CSRF check.
        if (via.equals("session") && !SAFE_METHODS.contains(ctx.method().name())) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null && isForm(ctx)) {
                sent = ctx.formParam("_csrf");
            }
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    session.csrf.getBytes(StandardCharsets.UTF_8))) {
                refuse(ctx, new Problem(Problem.BASE + "csrf", "Missing or wrong CSRF token", 403, sent == null
                        ? "a change made with the session cookie must send the " + CSRF_HEADER + " header from GET /api/me"
                        : "the " + CSRF_HEADER + " header does not match this session", null));
            }
        }
    }

    private static boolean isForm(Context ctx) {
        String type = String.valueOf(ctx.contentType());
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    private static Problem unauthorized(String detail) {
        return new Problem(Problem.BASE + "unauthorized", "Not logged in", 401, detail, null);
    }

    private void record(Context ctx) {
        String route = ctx.attribute("audit.route");
        if (route == null || ctx.attribute("audit.done") != null || NOT_AUDITED.contains(route)) {
            return;
        }
        append(ctx, null);
    }

    private void append(Context ctx, String outcome) {
        ctx.attribute("audit.done", true);
        String actor = user(ctx) != null ? user(ctx) : ctx.attribute("audit.actor") != null ? ctx.attribute("audit.actor") : "-";
        Role role = role(ctx);
        String detail = detail(ctx);
        if (outcome != null) {
            detail = detail.isEmpty() ? "refused: " + outcome : detail + "; refused: " + outcome;
        }
        audit.append(new AuditLog.Act(actor, role == null ? "-" : role.key(), ctx.ip(), ctx.attribute("audit.route"), String.join(",",
                ctx.pathParamMap().values()), detail, ctx.attribute("audit.results"), ctx.statusCode()));
    }

    /** Adds what the handler alone knows (what a bundle contained) to the request's audit entry. */
    static void note(Context ctx, String text) {
        ctx.attribute("audit.note", text);
    }

    /**
     * The query string and, for JSON bodies, the body without secrets; other bodies by size and type only; then any
     * note the handler left.
     */
    private String detail(Context ctx) {
        StringBuilder b = new StringBuilder();
        String note = ctx.attribute("audit.note");
        if (note != null) {
            b.append(note).append(' ');
        }
        if (ctx.queryString() != null) {
            b.append(java.net.URLDecoder.decode(ctx.queryString(), StandardCharsets.UTF_8));
        }
        if (!SAFE_METHODS.contains(ctx.method().name()) && ctx.contentLength() > 0) {
            String type = String.valueOf(ctx.contentType());
            String body;
            if (type.startsWith("application/json")) {
                try {
                    JsonNode node = json.readTree(ctx.body());
                    if (node instanceof ObjectNode object) {
                        SECRET_FIELDS.forEach(object::remove);
                    }
                    body = node.toString();
                } catch (java.io.IOException | RuntimeException e) {
                    body = "(" + ctx.contentLength() + " bytes, not JSON)";
                }
            } else {
                body = "(" + ctx.contentLength() + " bytes of " + type + ")";
            }
            b.append(b.length() > 0 ? " " : "").append(body);
        }
        return b.toString();
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode node = ctx.body().isBlank() ? json.createObjectNode() : json.readTree(ctx.body());
            if (!node.isObject()) {
                throw new BadParameter(null, "the body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new BadParameter(null, "the body is not JSON: " + e.getMessage());
        }
    }

    private void login(Context ctx) {
        boolean form = isForm(ctx);
        JsonNode body = form ? json.createObjectNode() : body(ctx);
        String name = (form ? String.valueOf(ctx.formParam("user") == null ? "" : ctx.formParam("user")) : body.path("user").asText("")).strip();
        String password = form ? (ctx.formParam("password") == null ? "" : ctx.formParam("password")) : body.path("password").asText("");
        ctx.attribute("audit.actor", name.isEmpty() ? "-" : name.length() > 64 ? name.substring(0, 64) : name);
        Users.Login login = users.authenticate(name, password, clock.instant());
        if (!login.ok()) {
            if (form) {
                ctx.status(401);
                WebPages.login(ctx, I18n.t(WebPages.lang(ctx), "loginFailed"));
            } else {
                problem.accept(ctx, new Problem(Problem.BASE + "login-failed", "Login failed", 401,
                        "wrong user name or password, or the user is locked out or disabled", null));
            }
            append(ctx, login.reason());
            return;
        }
        Sessions.Session session = sessions.open(login.user().name(), login.user().role());
        ctx.attribute("auth.user", session.user);
        ctx.attribute("auth.role", session.role);
        ctx.header("Set-Cookie", COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + sessions.absolute().toSeconds() + (config.cookieSecure() ? "; Secure" : ""));
        if (form) {
            String next = ctx.formParam("next");
            ctx.status(303).header("Location", next != null && next.startsWith("/") && !next.startsWith("//") ? next : "/search");
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
        sessions.close(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (config.cookieSecure() ? "; Secure" : ""));
        if (isForm(ctx)) {
            ctx.status(303).header("Location", "/login");
            return;
        }
        ctx.json(Map.of("loggedOut", true));
    }

    private void me(Context ctx) {
        String csrf = sessions.find(ctx.cookie(COOKIE)).map(s -> s.csrf).orElse(null);
        ctx.json(me(user(ctx), role(ctx), csrf));
    }

    private void createToken(Context ctx) {
        Users.NewToken token = users.createToken(user(ctx), body(ctx).path("label").asText("token"));
        ctx.status(201).json(Map.of("id", token.id(), "token", token.secret(),
                "note", "copy the token now: it is not shown again and only its hash is kept"));
    }

    private void revokeToken(Context ctx) {
        if (!users.revokeToken(user(ctx), ctx.pathParam("id"))) {
            problem.accept(ctx, Problem.notFound("you have no token " + ctx.pathParam("id")));
            return;
        }
        ctx.json(Map.of("revoked", ctx.pathParam("id")));
    }

    private void addUser(Context ctx) {
        JsonNode body = body(ctx);
        Role role;
        try {
            role = Role.parse(body.path("role").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("role", e.getMessage());
        }
        User added = users.add(body.path("name").asText("").strip(), role, body.path("password").asText(""), user(ctx));
        ctx.status(201).json(added);
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String name = ctx.pathParam("name");
        if (name.equals(user(ctx)) && disabled) {
            throw new BadParameter("name", "you cannot disable yourself");
        }
        users.setDisabled(name, disabled, user(ctx));
        if (disabled) {
            sessions.closeAll(name);
        }
        ctx.json(users.find(name).orElseThrow());
    }

    private void resetPassword(Context ctx) {
        String name = ctx.pathParam("name");
        users.resetPassword(name, body(ctx).path("password").asText(""), user(ctx));
        sessions.closeAll(name);
        ctx.json(Map.of("user", name, "password", "reset; the user's sessions are closed"));
    }

    private void readAudit(Context ctx) {
        Params p = new Params(ctx, Set.of("actor", "action", "from", "to", "limit"));
        int limit = p.integer("limit", 200);
        if (limit < 1 || limit > 10_000) {
            throw new BadParameter("limit", "limit must be between 1 and 10000, got " + limit);
        }
        List<AuditEntry> entries = audit.read(new AuditLog.Filter(p.text("actor"), p.text("action"), instant(p, "from"),
                instant(p, "to"), limit));
        results(ctx, entries.size());
        ctx.json(Map.of("entries", entries));
    }

    private static Instant instant(Params p, String name) {
        String value = p.text(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadParameter(name, name + " must be an instant like 2026-11-21T09:00:00Z, got '" + value + "'");
        }
    }
}
