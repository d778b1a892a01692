package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.watch.AlertInbox;
import org.roomwatch.core.watch.RetroRuns;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.media.ImageHasher;

/** Watchlists (create, add and remove rules, audit trail) and the alerts they raise (list, change state). */
final class WatchRoutes {
    private final Watchlists watchlists;
    private final AlertInbox alerts;
    private final RetroRuns retro;
    private final ImageHasher hasher;
    private final ObjectMapper json;
    private final BiConsumer<Context, Problem> problem;

    WatchRoutes(Watchlists watchlists, AlertInbox alerts, RetroRuns retro, ImageHasher hasher, ObjectMapper json,
                BiConsumer<Context, Problem> problem) {
        this.watchlists = watchlists;
        this.alerts = alerts;
        this.retro = retro;
        this.hasher = hasher;
        this.json = json;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.get("/api/watchlists", ctx -> ctx.json(Map.of("watchlists", watchlists.all().stream()
                .filter(w -> ApiSecurity.sees(ctx, Ownership.Scope.WATCHLIST, w.id())).toList())));
        app.post("/api/watchlists", this::create);
        app.get("/api/watchlists/{id}", ctx -> watchlists.find(ctx.pathParam("id")).ifPresentOrElse(ctx::json,
                () -> problem.accept(ctx, Problem.notFound("no watchlist " + ctx.pathParam("id")))));
        app.post("/api/watchlists/{id}/rules", this::addRule);
        app.post("/api/watchlists/{id}/rules/image", this::addImageRule);
        app.delete("/api/watchlists/{id}/rules/{rule}", this::removeRule);
        app.post("/api/watchlists/{id}/retro", this::startRetro);
        app.get("/api/watchlists/{id}/retro", ctx -> retro.progress(ctx.pathParam("id")).ifPresentOrElse(ctx::json,
                () -> problem.accept(ctx, Problem.notFound("no retroactive run of " + ctx.pathParam("id")))));
        app.get("/api/watchlists/{id}/audit", ctx -> ctx.json(Map.of("audit", watchlists.audit(ctx.pathParam("id")))));
        app.get("/api/alerts", this::listAlerts);
        app.post("/api/alerts/{id}/state", this::changeState);
    }

    private JsonNode body(Context ctx) {
        return JsonBody.object(ctx, json, "expected a JSON object");
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void create(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        List<String> members = new ArrayList<>();
        body.path("members").forEach(m -> members.add(m.asText()));
        try {
            // The owner is who asks: a list made in another analyst's name would be hers to read, not his.
            ctx.status(201).json(watchlists.create(text(body, "name"), ApiSecurity.actor(ctx, text(body, "owner")), "high".equals(text(body, "priority")),
                    members, ApiSecurity.actor(ctx, text(body, "by"))));
        } catch (IllegalArgumentException e) {
            throw new BadParameter(parameterOf(e.getMessage()), e.getMessage());
        }
    }

    private void addRule(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String id = ctx.pathParam("id");
        if (watchlists.find(id).isEmpty()) {
            problem.accept(ctx, Problem.notFound("no watchlist " + id));
            return;
        }
        try {
            RuleKind kind = RuleKind.parse(text(body, "kind"));
            Integer threshold = body.hasNonNull("maxDistance") ? body.get("maxDistance").asInt() : null;
            ctx.status(201).json(watchlists.addRule(id, kind, text(body, "value"), threshold, ApiSecurity.actor(ctx, text(body, "by"))));
        } catch (IllegalArgumentException e) {
            throw new BadParameter(parameterOf(e.getMessage()), e.getMessage());
        }
    }

    /** The photo as the request body, hashed in memory and dropped; the rule keeps only its PDQ hash. */
    private void addImageRule(Context ctx) throws IOException {
        Params p = new Params(ctx, Set.of("by", "maxDistance"));
        String id = ctx.pathParam("id");
        if (watchlists.find(id).isEmpty()) {
            problem.accept(ctx, Problem.notFound("no watchlist " + id));
            return;
        }
        byte[] bytes;
        try (java.io.InputStream in = ctx.bodyInputStream()) {
            bytes = ImageRoutes.readCapped(in, hasher);
        }
        org.roomwatch.media.ImageFingerprint f = ImageRoutes.hash(bytes, false, hasher);
        String maxDistance = p.text("maxDistance");
        try {
            ctx.status(201).json(watchlists.addRule(id, RuleKind.IMAGE, f.pdq().hex(),
                    maxDistance == null ? null : ImageRoutes.distance(maxDistance, "maxDistance"), ApiSecurity.actor(ctx, p.text("by"))));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("by", e.getMessage());
        }
    }

    private void startRetro(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String by = ApiSecurity.actor(ctx, text(body, "by"));
        if (by == null || by.isBlank()) {
            throw new BadParameter("by", "say who starts the run: {\"by\": \"analyst\"}");
        }
        var list = watchlists.find(ctx.pathParam("id"));
        if (list.isEmpty()) {
            problem.accept(ctx, Problem.notFound("no watchlist " + ctx.pathParam("id")));
            return;
        }
        if (!retro.start(list.get(), by.strip())) {
            problem.accept(ctx, new Problem(Problem.BASE + "already-running", "Already running", 409,
                    "a retroactive run of " + list.get().id() + " is already going; see GET /api/watchlists/" + list.get().id() + "/retro", null));
            return;
        }
        ctx.status(202).json(retro.progress(list.get().id()).orElseThrow());
    }

    private void removeRule(Context ctx) {
        String by = ApiSecurity.actor(ctx, ctx.queryParam("by"));
        try {
            watchlists.removeRule(ctx.pathParam("id"), ctx.pathParam("rule"), by);
            ctx.status(204);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("no watchlist") || e.getMessage().contains("has no rule")) {
                problem.accept(ctx, Problem.notFound(e.getMessage()));
            } else {
                throw new BadParameter("by", e.getMessage());
            }
        }
    }

    private void listAlerts(Context ctx) {
        Params p = new Params(ctx, Set.of("state", "watchlist", "room", "page", "size"));
        String state = p.text("state");
        if (state != null && !Set.of("new", "seen", "actioned", "dismissed").contains(state)) {
            throw new BadParameter("state", "state must be new, seen, actioned or dismissed, got '" + state + "'");
        }
        int page = p.integer("page", 1);
        int size = p.integer("size", 20);
        if (page < 1 || size < 1 || size > 100) {
            throw new BadParameter(page < 1 ? "page" : "size", "page must be 1 or more and size between 1 and 100");
        }
        ctx.json(alerts.find(state, p.text("watchlist"), p.text("room"), page, size, visibleLists(ctx, watchlists)));
    }

    private void changeState(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String by = ApiSecurity.actor(ctx, text(body, "by"));
        if (by == null || by.isBlank()) {
            throw new BadParameter("by", "say who changes the alert: {\"state\": \"seen\", \"by\": \"analyst\"}");
        }
        try {
            alerts.changeState(ctx.pathParam("id"), text(body, "state"), by.strip(), visibleLists(ctx, watchlists)).ifPresentOrElse(ctx::json,
                    () -> problem.accept(ctx, Problem.notFound("no alert " + ctx.pathParam("id"))));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("state", e.getMessage());
        } catch (IllegalStateException e) {
            problem.accept(ctx, new Problem(Problem.BASE + "invalid-transition", "Invalid state change", 409, e.getMessage(), "state"));
        }
    }

    /**
     * The watchlists whose alerts the logged-in user may see: the ones they own or are a member of; all for an admin
     * and for route tests without security (null).
     */
    static Set<String> visibleLists(Context ctx, Watchlists watchlists) {
        String user = ApiSecurity.user(ctx);
        if (user == null || ApiSecurity.role(ctx) == org.roomwatch.core.security.Role.ADMIN) {
            return null;
        }
        return watchlists.all().stream().filter(w -> w.owner().equals(user) || w.members().contains(user))
                .map(org.roomwatch.core.watch.Watchlist::id).collect(java.util.stream.Collectors.toSet());
    }

    private static String parameterOf(String message) {
        String first = message.split("[ ,;']")[0];
        return first.matches("[a-z]+") ? first : null;
    }
}
