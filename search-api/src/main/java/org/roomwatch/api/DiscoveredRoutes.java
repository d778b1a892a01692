package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roomwatch.core.DiscoveredRoom;
import org.roomwatch.core.DiscoveredRooms;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.account.AccountOperations;
import org.roomwatch.core.config.DurationText;

/**
 * The triage queue of rooms found through links: list them, and watch or dismiss each, recording who decided.
 * Only public Telegram rooms can be watched from here; an invite link needs an authorized account.
 */
final class DiscoveredRoutes {
    private final DiscoveredRooms rooms;
    private final RoomWatcher watcher;
    private final ObjectMapper json;
    private final BiConsumer<Context, Problem> problem;
    private final Clock clock;
    private final java.util.function.Supplier<AccountOperations> accounts;

    DiscoveredRoutes(DiscoveredRooms rooms, RoomWatcher watcher, ObjectMapper json, BiConsumer<Context, Problem> problem, Clock clock,
                     java.util.function.Supplier<AccountOperations> accounts) {
        this.accounts = accounts;
        this.rooms = rooms;
        this.watcher = watcher;
        this.json = json;
        this.problem = problem;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/api/discovered", this::list);
        app.get("/api/discovered/{id}", ctx -> rooms.find(id(ctx)).ifPresentOrElse(ctx::json, () -> notFound(ctx)));
        app.post("/api/discovered/{id}/watch", this::watch);
        app.post("/api/discovered/{id}/dismiss", this::dismiss);
    }

    /** Ids hold ':' and '+'; a '+' that a client left unencoded arrives as a space, which no id contains. */
    private static String id(Context ctx) {
        return ctx.pathParam("id").replace(' ', '+');
    }

    private void notFound(Context ctx) {
        problem.accept(ctx, Problem.notFound("no discovered room " + id(ctx)));
    }

    private void list(Context ctx) {
        Params p = new Params(ctx, Set.of("status", "limit"));
        String status = p.text("status");
        if (status == null) {
            status = "pending";
        } else if (status.equals("all")) {
            status = null;
        } else if (!Set.of("pending", "watching", "dismissed").contains(status)) {
            throw new BadParameter("status", "status must be pending, watching, dismissed or all, got '" + status + "'");
        }
        int limit = p.integer("limit", 100);
        if (limit < 1 || limit > 1000) {
            throw new BadParameter("limit", "limit must be between 1 and 1000, got " + limit);
        }
        ctx.json(Map.of("rooms", rooms.list(status, limit)));
    }

    private record Decision(String by, Duration interval, JsonNode body) {}

    private Decision decision(Context ctx) throws IOException {
        JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : json.readTree(ctx.body());
        String by = ApiSecurity.actor(ctx, body.path("by").asText("").strip());
        if (by.isEmpty()) {
            throw new BadParameter("by", "say who decides: {\"by\": \"analyst name\"}");
        }
        Duration interval = body.hasNonNull("interval") ? DurationText.parse(body.get("interval").asText()) : Duration.ofMinutes(10);
        return new Decision(by.length() > 200 ? by.substring(0, 200) : by, interval, body);
    }

    private void watch(Context ctx) throws IOException {
        decide(ctx, (room, decision) -> {
            AccountOperations joiner = accounts.get();
            if (room.platform().equals("telegram") && room.invite() && joiner != null) {
                return joinByInvite(ctx, room, decision, joiner);
            }
            if (!room.platform().equals("telegram") || room.invite()) {
                problem.accept(ctx, new Problem(Problem.BASE + "needs-account", "Needs an authorized account", 409,
                        room.id() + " is " + (room.invite() ? "an invite link" : "a " + room.platform() + " room")
                                + ": it can only be joined through an authorized account, which this server does not have."
                                + " Keep it pending or dismiss it.", null));
                return false;
            }
            watcher.watch(new WatchedRoom(room.target(), SourceKind.PUBLIC, decision.interval()));
            rooms.decide(room.id(), "watching", decision.by(), clock.instant());
            return true;
        });
    }

    /**
     * An invite link an analyst approves: joined through an account and watched as the room name the analyst gives.
     * A join that needs the room's approval stays pending (202); a refused one answers 409 with Telegram's reason.
     */
    private boolean joinByInvite(Context ctx, DiscoveredRoom room, Decision decision, AccountOperations joiner) {
        String name = decision.body().path("room").asText("").strip();
        WatchedRoom watched;
        try {
            watched = new WatchedRoom(name, SourceKind.ACCOUNT, decision.interval());
        } catch (IllegalArgumentException e) {
            throw new BadParameter("room", "name the room to watch it as, {\"room\": \"c_hanbit_secret\"}: " + e.getMessage());
        }
        String account = decision.body().path("account").asText("").strip();
        AccountOperations.JoinRecord record;
        try {
            record = joiner.join("https://t.me/" + room.target(), watched.name(), account.isEmpty() ? null : account, decision.by());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem.accept(ctx, Problem.unavailable("interrupted while joining"));
            return false;
        }
        switch (record.outcome()) {
            case "joined" -> {
                watcher.watch(watched);
                rooms.decide(room.id(), "watching", decision.by(), clock.instant());
                return true;
            }
            case "request_sent" -> ctx.status(202).json(record);
            default -> problem.accept(ctx, new Problem(Problem.BASE + "join-declined", "Join declined", 409,
                    "joining " + room.id() + " through account " + record.account() + " failed: " + record.detail(), null));
        }
        return false;
    }

    private void dismiss(Context ctx) throws IOException {
        decide(ctx, (room, decision) -> rooms.decide(room.id(), "dismissed", decision.by(), clock.instant()));
    }

    private interface Action {
        /** Carries out the decision; false when it answered with a problem itself. */
        boolean apply(DiscoveredRoom room, Decision decision);
    }

    /** Finds the room, reads who decides, runs the action, and answers with the room as it now stands. */
    private void decide(Context ctx, Action action) throws IOException {
        DiscoveredRoom room = rooms.find(id(ctx)).orElse(null);
        if (room == null) {
            notFound(ctx);
            return;
        }
        Decision decision;
        try {
            decision = decision(ctx);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem.accept(ctx, Problem.invalidBody("the body is not JSON: " + e.getOriginalMessage()));
            return;
        } catch (IllegalArgumentException e) {
            throw new BadParameter("interval", e.getMessage());
        }
        if (action.apply(room, decision)) {
            ctx.json(rooms.find(room.id()).orElseThrow());
        }
    }
}
