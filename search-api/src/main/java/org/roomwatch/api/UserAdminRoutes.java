package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;

/** The admins' API: users (add, disable, enable, unlock, reset a password) and reading and verifying the audit log. */
final class UserAdminRoutes {
    private final Users users;
    private final AuditLog audit;
    private final Sessions sessions;
    private final JsonBodies bodies;

    UserAdminRoutes(Users users, AuditLog audit, Sessions sessions, JsonBodies bodies) {
        this.users = users;
        this.audit = audit;
        this.sessions = sessions;
        this.bodies = bodies;
    }

    void register(Javalin app) {
        app.get("/api/users", ctx -> ctx.json(Map.of("users", users.list())));
        app.post("/api/users", this::addUser);
        app.post("/api/users/{name}/disable", ctx -> setDisabled(ctx, true));
        app.post("/api/users/{name}/enable", ctx -> setDisabled(ctx, false));
        app.post("/api/users/{name}/unlock", ctx -> {
            users.unlock(ctx.pathParam("name"), ApiSecurity.user(ctx));
            ctx.json(users.find(ctx.pathParam("name")).orElseThrow());
        });
        app.post("/api/users/{name}/password", this::resetPassword);
        app.get("/api/audit", this::readAudit);
        app.get("/api/audit/verify", ctx -> ctx.json(audit.verify()));
    }

    private void addUser(Context ctx) {
        JsonNode body = bodies.object(ctx);
        Role role;
        try {
            role = Role.parse(body.path("role").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("role", e.getMessage());
        }
        User added = users.add(body.path("name").asText("").strip(), role, body.path("password").asText(""), ApiSecurity.user(ctx));
        ctx.status(201).json(added);
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String name = ctx.pathParam("name");
        if (name.equals(ApiSecurity.user(ctx)) && disabled) {
            throw new BadParameter("name", "you cannot disable yourself");
        }
        users.setDisabled(name, disabled, ApiSecurity.user(ctx));
        if (disabled) {
            sessions.closeAll(name);
        }
        ctx.json(users.find(name).orElseThrow());
    }

    private void resetPassword(Context ctx) {
        String name = ctx.pathParam("name");
        users.resetPassword(name, bodies.object(ctx).path("password").asText(""), ApiSecurity.user(ctx));
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
        ApiSecurity.results(ctx, entries.size());
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
