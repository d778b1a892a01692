package org.roomwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.account.AccountOperations;
import org.roomwatch.core.config.DurationText;

/**
 * The authorized accounts: their states, a look at an invite link before anyone joins, and a join an analyst
 * approved (recorded with who approved it); a joined room is watched through the account from then on.
 */
final class AccountRoutes {
    /** t.me invite links: {@code https://t.me/+HASH} or the older {@code https://t.me/joinchat/HASH}. */
    static final Pattern INVITE = Pattern.compile("https://t\\.me/(\\+|joinchat/)[A-Za-z0-9_-]{6,64}");

    private final AccountOperations accounts;
    private final RoomWatcher watcher;
    private final ObjectMapper json;
    private final BiConsumer<Context, Problem> problem;

    AccountRoutes(AccountOperations accounts, RoomWatcher watcher, ObjectMapper json, BiConsumer<Context, Problem> problem) {
        this.accounts = accounts;
        this.watcher = watcher;
        this.json = json;
        this.problem = problem;
    }

    void register(Javalin app) {
        app.get("/api/accounts", ctx -> ctx.json(Map.of("accounts", accounts.accounts())));
        app.post("/api/accounts/invites/check", this::check);
        app.post("/api/accounts/invites/join", this::join);
        app.post("/api/accounts/rooms/{room}/leave", this::leave);
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : json.readTree(ctx.body());
            if (!body.isObject()) {
                throw new BadParameter(null, "the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new BadParameter(null, "the body is not JSON: " + e.getMessage());
        }
    }

    static String link(JsonNode body) {
        String link = body.path("link").asText("").strip();
        if (!INVITE.matcher(link).matches()) {
            throw new BadParameter("link", "link must be a Telegram invite link like https://t.me/+AbCdEf123456, got '"
                    + (link.length() > 100 ? link.substring(0, 100) + "..." : link) + "'");
        }
        return link;
    }

    private static String account(JsonNode body) {
        String account = body.path("account").asText("").strip();
        return account.isEmpty() ? null : account;
    }

    private void check(Context ctx) throws InterruptedException {
        JsonNode body = body(ctx);
        try {
            ctx.json(accounts.inspect(link(body), account(body)));
        } catch (AccountOperations.Unavailable e) {
            problem.accept(ctx, Problem.unavailable(e.getMessage()));
        }
    }

    private void join(Context ctx) throws InterruptedException {
        JsonNode body = body(ctx);
        String link = link(body);
        String by = ApiSecurity.actor(ctx, body.path("by").asText("").strip());
        if (by.isEmpty()) {
            throw new BadParameter("by", "say which analyst approved the join: {\"by\": \"analyst name\"}");
        }
        String room = body.path("room").asText("").strip();
        if (room.isEmpty()) {
            throw new BadParameter("room", "name the room to watch it as: {\"room\": \"c_hanbit_secret\"} (4 to 32 letters,"
                    + " digits or underscores)");
        }
        Duration interval;
        try {
            interval = body.hasNonNull("interval") ? DurationText.parse(body.get("interval").asText()) : Duration.ofMinutes(10);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("interval", e.getMessage());
        }
        WatchedRoom watched;
        try {
            watched = new WatchedRoom(room, SourceKind.ACCOUNT, interval);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("room", e.getMessage());
        }
        AccountOperations.JoinRecord record = accounts.join(link, watched.name(), account(body), by.length() > 200 ? by.substring(0, 200) : by);
        if (record.outcome().equals("joined")) {
            watcher.watch(watched);
        }
        ctx.status(record.outcome().equals("declined") ? 409 : record.outcome().equals("joined") ? 200 : 202).json(record);
    }

    private void leave(Context ctx) throws InterruptedException {
        JsonNode body = body(ctx);
        String by = ApiSecurity.actor(ctx, body.path("by").asText("").strip());
        if (by.isEmpty()) {
            throw new BadParameter("by", "say which analyst decided to leave: {\"by\": \"analyst name\"}");
        }
        String room = ctx.pathParam("room");
        try {
            AccountOperations.JoinRecord record = accounts.leave(room, by.length() > 200 ? by.substring(0, 200) : by);
            watcher.unwatch(room);
            ctx.json(record);
        } catch (AccountOperations.Unavailable e) {
            problem.accept(ctx, new Problem(Problem.BASE + "not-a-member", "Not a member", 409, e.getMessage(), null));
        }
    }
}
