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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's audit trail, for every route but health, the API description and "who am I": an entry with who, from
 * where, what and the filters written before the handler acts or streams (if it cannot be written the request is
 * refused: fail closed), and one after with how it ended and how many results; refusals and failed logins too.
 */
final class AuditRecorder {
    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

    /**
     * Routes that write no audit entry: nothing about a case is read there. Readiness and metrics are polled every few
     * seconds by machines, and must answer (503, naming the database) while the database is down.
     */
    private static final Set<String> NOT_AUDITED = Set.of("GET /api/health", "GET /api/ready", "GET /metrics",
            "GET /api/openapi.json", "GET /api/me", "GET /static/app.css", "GET /static/roomwatch-hash.js",
            "GET /static/case-hashing.js", "GET /static/workbench.js", "GET /static/htmx.min.js",
            "GET /static/image-hashing.js", "GET /", "GET /login");
    private static final Set<String> SECRET_FIELDS = Set.of("password", "newPassword", "token", "secret");

    private final AuditLog audit;
    private final ObjectMapper json;

    AuditRecorder(AuditLog audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /**
     * Writes the entry of a request that is about to act (status 0: nothing done yet), before its handler runs or
     * streams. False when it could not be written: the request must then be refused, having done nothing.
     */
    boolean before(Context ctx) {
        String route = ctx.attribute("audit.route");
        if (route == null || NOT_AUDITED.contains(route)) {
            return true;
        }
        try {
            audit.append(act(ctx, detail(ctx), null, 0));
            return true;
        } catch (RuntimeException e) {
            log.error("The audit log cannot be written; {} is refused: {}", route, e.toString());
            return false;
        }
    }

    /** After the handler: how it ended (status, results, what it noted), unless a refusal was recorded already. */
    void record(Context ctx) {
        String route = ctx.attribute("audit.route");
        if (route == null || ctx.attribute("audit.done") != null || NOT_AUDITED.contains(route)) {
            return;
        }
        append(ctx, null);
    }

    /** Records how a request ended, with {@code outcome} when it was refused; a failure here is logged (the before-entry stands). */
    void append(Context ctx, String outcome) {
        ctx.attribute("audit.done", true);
        String detail = detail(ctx);
        if (outcome != null) {
            detail = detail.isEmpty() ? "refused: " + outcome : detail + "; refused: " + outcome;
        }
        try {
            audit.append(act(ctx, detail, ctx.attribute("audit.results"), ctx.statusCode()));
        } catch (RuntimeException e) {
            log.error("The audit log could not record how {} ended: {}", ctx.attribute("audit.route"), e.toString());
        }
    }

    /** Marks the request as recorded without writing (a refusal because the audit log itself is down). */
    static void skip(Context ctx) {
        ctx.attribute("audit.done", true);
    }

    private static AuditLog.Act act(Context ctx, String detail, Integer results, int status) {
        String user = ApiSecurity.user(ctx);
        String actor = user != null ? user : ctx.attribute("audit.actor") != null ? ctx.attribute("audit.actor") : "-";
        Role role = ApiSecurity.role(ctx);
        return new AuditLog.Act(actor, role == null ? "-" : role.key(), ctx.ip(), ctx.attribute("audit.route"),
                String.join(",", ctx.pathParamMap().values()), detail, results, status);
    }

    /** The query string as the user meant it; a malformed escape ({@code %zz}) is kept as sent, never an error. */
    static String decodedQuery(String query) {
        try {
            return URLDecoder.decode(query, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return query;
        }
    }

    /**
     * Any note the handler left, the query string and, for JSON bodies, the body without secrets; other bodies by size
     * and type only.
     */
    private String detail(Context ctx) {
        StringBuilder b = new StringBuilder();
        String note = ctx.attribute("audit.note");
        if (note != null) {
            b.append(note).append(' ');
        }
        String[] request = request(ctx);
        b.append(request[0]);
        if (request[1] != null) {
            b.append(b.length() > 0 ? " " : "").append(request[1]);
        }
        return b.toString();
    }

    /**
     * The request's query and body as the audit shows them, worked out once: the entry before the handler and the one
     * after it say the same, and the body is parsed only once.
     */
    private String[] request(Context ctx) {
        String[] cached = ctx.attribute("audit.request");
        if (cached != null) {
            return cached;
        }
        String query = ctx.queryString() == null ? "" : decodedQuery(ctx.queryString());
        String body = null;
        if (!AuthFilter.SAFE_METHODS.contains(ctx.method().name()) && ctx.contentLength() > 0) {
            String type = String.valueOf(ctx.contentType());
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
        }
        String[] worked = {query, body};
        ctx.attribute("audit.request", worked);
        return worked;
    }
}
