package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;

/**
 * The API's audit trail: after every route but health, the API description and "who am I", an entry with who, from
 * where, what, the filters and how many results; refusals and failed logins too.
 */
final class AuditRecorder {
    /**
     * Routes that write no audit entry: nothing about a case is read there. Readiness and metrics are polled every few
     * seconds by machines, and must answer (503, naming the database) while the database is down.
     */
    private static final Set<String> NOT_AUDITED = Set.of("GET /api/health", "GET /api/ready", "GET /metrics",
            "GET /api/openapi.json", "GET /api/me", "GET /static/app.css", "GET /static/roomwatch-hash.js",
            "GET /static/case-hashing.js", "GET /", "GET /login");
    private static final Set<String> SECRET_FIELDS = Set.of("password", "newPassword", "token", "secret");

    private final AuditLog audit;
    private final ObjectMapper json;

    AuditRecorder(AuditLog audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    void record(Context ctx) {
        String route = ctx.attribute("audit.route");
        if (route == null || ctx.attribute("audit.done") != null || NOT_AUDITED.contains(route)) {
            return;
        }
        append(ctx, null);
    }

    void append(Context ctx, String outcome) {
        ctx.attribute("audit.done", true);
        String actor = ApiSecurity.user(ctx) != null ? ApiSecurity.user(ctx) : ctx.attribute("audit.actor") != null ? ctx.attribute("audit.actor") : "-";
        Role role = ApiSecurity.role(ctx);
        String detail = detail(ctx);
        if (outcome != null) {
            detail = detail.isEmpty() ? "refused: " + outcome : detail + "; refused: " + outcome;
        }
        audit.append(new AuditLog.Act(actor, role == null ? "-" : role.key(), ctx.ip(), ctx.attribute("audit.route"), String.join(",",
                ctx.pathParamMap().values()), detail, ctx.attribute("audit.results"), ctx.statusCode()));
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
            b.append(URLDecoder.decode(ctx.queryString(), StandardCharsets.UTF_8));
        }
        if (!AuthFilter.SAFE_METHODS.contains(ctx.method().name()) && ctx.contentLength() > 0) {
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
}
