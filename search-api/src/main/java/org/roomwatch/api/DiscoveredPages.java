package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.DiscoveredRoom;
import org.roomwatch.core.DiscoveredRooms;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.SourceKind;
import org.roomwatch.core.WatchedRoom;
import org.roomwatch.core.account.AccountOperations;
import org.roomwatch.tagging.Tagging;

/**
 * The triage queue of rooms found through links: each with its state (live, expired, unreadable, not checked yet),
 * title, members, where it was seen (a link to that message), a signal score from its title, sorted and filtered;
 * watch or join offered only where it can work, and Telegram's refusals explained in words.
 */
final class DiscoveredPages {
    static final List<String> STATUSES = List.of("pending", "watching", "dismissed");
    static final List<String> STATES = List.of("live", "expired", "unreadable", "unchecked");
    static final List<String> SORTS = List.of("lastSeen", "sightings", "members", "score");

    private final DiscoveredRooms discovered;
    private final Clock clock;
    private final RoomWatcher watcher;
    private final Supplier<AccountOperations> accounts;
    private final Supplier<Tagging> tagging;

    DiscoveredPages(DiscoveredRooms discovered, Clock clock, RoomWatcher watcher, Supplier<AccountOperations> accounts, Supplier<Tagging> tagging) {
        this.discovered = discovered;
        this.clock = clock;
        this.watcher = watcher;
        this.accounts = accounts;
        this.tagging = tagging;
    }

    void register(Javalin app) {
        app.get("/discovered", this::page);
        app.post("/discovered/{id}/dismiss", this::dismiss);
        app.post("/discovered/{id}/watch", this::watch);
    }

    /** What is known of a room's link: its page was read (live or expired), could not be read, or not yet. */
    static String state(DiscoveredRoom r) {
        if (r.fetchedAt() == null) {
            return "unchecked";
        }
        if (Boolean.TRUE.equals(r.expired())) {
            return "expired";
        }
        return r.fetchNote() != null ? "unreadable" : "live";
    }

    /** A score from what the link's page shows: lexicon words in the title, a school named, and how often it was posted. */
    record Score(int value, List<String> reasons) {}

    Score score(String lang, DiscoveredRoom r) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        Tagging t = tagging.get();
        if (r.title() != null) {
            var words = t.lexicon().find(r.title());
            if (!words.isEmpty()) {
                int points = Math.min(50, words.stream().mapToInt(w -> t.lexicon().weight(w) * 10).sum());
                score += points;
                reasons.add(I18n.format(lang, "discovered.why.words", String.join(", ", words), points));
            }
            if (t.fieldsOf(r.title()).get("school_ids") instanceof List<?> ids && !ids.isEmpty()) {
                score += 10;
                reasons.add(I18n.t(lang, "discovered.why.school"));
            }
        }
        int posted = Math.min(20, Math.max(0, r.sightings() - 1) * 5);
        if (posted > 0) {
            score += posted;
            reasons.add(I18n.format(lang, "discovered.why.sightings", r.sightings(), posted));
        }
        return new Score(Math.min(100, score), reasons);
    }

    private void page(Context ctx) {
        String lang = Layout.lang(ctx);
        Document doc = Layout.page(ctx, I18n.t(lang, "watch.discoveredRooms"));
        Element main = Layout.main(doc);
        String status = value(ctx, "status", STATUSES, "pending");
        String state = value(ctx, "state", STATES, null);
        String sort = value(ctx, "sort", SORTS, "lastSeen");
        form(main, lang, status, state, sort);
        if (status == null || sort == null || (ctx.queryParam("state") != null && !ctx.queryParam("state").isBlank() && state == null)) {
            ctx.status(400);
            Layout.alert(main, I18n.t(lang, "discovered.badFilter"));
            Layout.send(ctx, doc);
            return;
        }
        List<DiscoveredRoom> rooms = discovered.list(status, 500).stream().filter(r -> state == null || state.equals(state(r)))
                .sorted(order(lang, sort)).toList();
        ApiSecurity.results(ctx, rooms.size());
        main.appendElement("p").attr("id", "total").attr("data-total", Integer.toString(rooms.size()))
                .text(I18n.format(lang, "discovered.count", rooms.size()));
        Element table = main.appendElement("table").attr("id", "discovered");
        table.appendElement("caption").addClass("visually-hidden").text(I18n.t(lang, "watch.discoveredRooms"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "discovered.link", "discovered.state", "discovered.title", "members", "discovered.seen",
                "discovered.score", "alerts.move")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (DiscoveredRoom r : rooms) {
            row(ctx, lang, body, r, status);
        }
        Layout.send(ctx, doc);
    }

    private Comparator<DiscoveredRoom> order(String lang, String sort) {
        Comparator<DiscoveredRoom> newest = Comparator.comparing(DiscoveredRoom::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()));
        return switch (sort) {
            case "sightings" -> Comparator.comparingInt(DiscoveredRoom::sightings).reversed().thenComparing(newest);
            case "members" -> Comparator.comparing(DiscoveredRoom::members, Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(newest);
            case "score" -> Comparator.comparingInt((DiscoveredRoom r) -> score(lang, r).value()).reversed().thenComparing(newest);
            default -> newest;
        };
    }

    private void row(Context ctx, String lang, Element body, DiscoveredRoom r, String status) {
        String state = state(r);
        Element tr = body.appendElement("tr").attr("data-id", r.id()).attr("data-state", state);
        Element link = tr.appendElement("td").addClass("target");
        link.appendText(r.platform().equals("telegram") ? "t.me/" + r.target() : r.id());
        if (r.invite()) {
            link.appendText(" ");
            link.appendElement("span").addClass("badge invite").text(I18n.t(lang, "discovered.invite"));
        }
        tr.appendElement("td").addClass("state").text(I18n.t(lang, "discovered.state." + state)
                + (state.equals("unreadable") ? ": " + r.fetchNote() : ""));
        tr.appendElement("td").text(r.title() == null ? "" : r.title());
        tr.appendElement("td").addClass("number").text(r.members() == null ? I18n.t(lang, "unknown") : String.format("%,d", r.members()));
        Element seen = tr.appendElement("td");
        if (!r.recent().isEmpty() && r.recent().get(0).messageId() != null) {
            seen.appendElement("a").addClass("seen-in").attr("href", "/messages/" + enc(r.recent().get(0).messageId()))
                    .text(Layout.when(r.recent().get(0).seenAt().toString()));
        } else {
            seen.appendText(Layout.when(String.valueOf(r.lastSeen())));
        }
        seen.appendText(" · " + I18n.format(lang, "discovered.times", r.sightings()));
        Score score = score(lang, r);
        tr.appendElement("td").addClass("number").attr("title", String.join("; ", score.reasons())).text(Integer.toString(score.value()));
        Element actions = tr.appendElement("td");
        if (!status.equals("pending")) {
            actions.text(I18n.t(lang, "discovered.status." + status) + (r.decidedBy() == null ? "" : " · " + r.decidedBy()));
            return;
        }
        boolean canWatch = r.platform().equals("telegram") && !state.equals("expired") && (!r.invite() || accounts.get() != null);
        if (canWatch) {
            Element watch = actions.appendElement("form").attr("method", "post").addClass("inline").attr("action", "/discovered/" + enc(r.id()) + "/watch");
            Layout.csrf(ctx, watch);
            if (r.invite()) {
                watch.appendElement("label").addClass("inline-label").text(I18n.t(lang, "watch.watchAs"))
                        .appendElement("input").attr("name", "room").attr("required", true).attr("pattern", "[A-Za-z][A-Za-z0-9_]{3,31}");
            }
            watch.appendElement("button").attr("type", "submit").attr("data-action", "watch")
                    .text(r.invite() ? I18n.t(lang, "watch.joinAndWatch") : I18n.t(lang, "watch.watch"));
        } else {
            actions.appendElement("span").addClass("hint").text(I18n.t(lang, state.equals("expired") ? "discovered.cannot.expired"
                    : !r.platform().equals("telegram") ? "discovered.cannot.platform" : "watch.thisServerHasNoAccounts"));
        }
        Element dismiss = actions.appendElement("form").attr("method", "post").addClass("inline").attr("action", "/discovered/" + enc(r.id()) + "/dismiss");
        Layout.csrf(ctx, dismiss);
        dismiss.appendElement("button").attr("type", "submit").attr("data-action", "dismiss").text(I18n.t(lang, "watch.dismiss"));
    }

    private static String value(Context ctx, String name, List<String> allowed, String fallback) {
        String v = Layout.blank(ctx.queryParam(name));
        return v == null ? fallback : allowed.contains(v) ? v : null;
    }

    private static void form(Element main, String lang, String status, String state, String sort) {
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/discovered").attr("role", "search");
        select(form, lang, "discovered.statusLabel", "status", STATUSES, "discovered.status.", status, false);
        select(form, lang, "discovered.state", "state", STATES, "discovered.state.", state, true);
        select(form, lang, "discovered.sort", "sort", SORTS, "discovered.sort.", sort, false);
        form.appendElement("button").attr("type", "submit").attr("id", "go").text(I18n.t(lang, "go"));
    }

    private static void select(Element form, String lang, String label, String name, List<String> values, String prefix, String chosen, boolean any) {
        Element select = form.appendElement("label").text(I18n.t(lang, label)).appendElement("select").attr("name", name).attr("id", name);
        if (any) {
            select.appendElement("option").val("").text(I18n.t(lang, "schools.any"));
        }
        for (String v : values) {
            Element o = select.appendElement("option").val(v).text(I18n.t(lang, prefix + v));
            if (v.equals(chosen)) {
                o.attr("selected", true);
            }
        }
    }

    /** Watches a public room now; an invite link is joined through an account (the analyst's approval) first. */
    private void watch(Context ctx) throws InterruptedException {
        String lang = Layout.lang(ctx);
        String id = ctx.pathParam("id").replace(' ', '+');
        DiscoveredRoom room = discovered.find(id).orElse(null);
        if (room == null || !room.platform().equals("telegram")) {
            Layout.messagePage(ctx, 404, I18n.t(lang, "watch.discoveredRooms"), I18n.t(lang, "notFound"));
            return;
        }
        if (state(room).equals("expired")) {
            Layout.messagePage(ctx, 409, I18n.t(lang, "watch.discoveredRooms"), I18n.t(lang, "discovered.cannot.expired"));
            return;
        }
        String user = ApiSecurity.user(ctx);
        String problem = null;
        try {
            if (room.invite()) {
                AccountOperations joiner = accounts.get();
                String name = String.valueOf(ctx.formParam("room")).strip();
                WatchedRoom watched = new WatchedRoom(name, SourceKind.ACCOUNT, java.time.Duration.ofMinutes(10));
                var record = joiner == null ? null : joiner.join("https://t.me/" + room.target(), watched.name(), null, user);
                if (record != null && record.outcome().equals("joined")) {
                    watcher.watch(watched);
                    discovered.decide(id, "watching", user, clock.instant());
                } else {
                    problem = record == null ? I18n.t(lang, "watch.thisServerHasNoAccounts") : TelegramWords.join(lang, record.outcome(), record.detail());
                }
            } else {
                watcher.watch(new WatchedRoom(room.target(), SourceKind.PUBLIC, java.time.Duration.ofMinutes(10)));
                discovered.decide(id, "watching", user, clock.instant());
            }
        } catch (IllegalArgumentException e) {
            problem = I18n.t(lang, "discovered.badName") + " (" + e.getMessage() + ")";
        }
        if (problem != null) {
            Layout.messagePage(ctx, 409, I18n.t(lang, "watch.discoveredRooms"), problem);
            return;
        }
        ctx.status(303).header("Location", "/discovered");
    }

    private void dismiss(Context ctx) {
        String id = ctx.pathParam("id").replace(' ', '+');
        if (!discovered.decide(id, "dismissed", ApiSecurity.user(ctx), clock.instant())) {
            Layout.messagePage(ctx, 404, I18n.t(ctx, "watch.discoveredRooms"), I18n.t(Layout.lang(ctx), "notFound"));
            return;
        }
        ctx.status(303).header("Location", "/discovered");
    }

    /** Telegram's answers to a join, in words an officer can act on; the code itself stays in brackets for support. */
    static final class TelegramWords {
        private static final List<String> CODES = List.of("INVITE_HASH_EXPIRED", "INVITE_HASH_INVALID", "USER_ALREADY_PARTICIPANT",
                "CHANNELS_TOO_MUCH", "USERS_TOO_MUCH", "FLOOD_WAIT", "CHANNEL_PRIVATE", "USER_BANNED_IN_CHANNEL");

        private TelegramWords() {}

        static String join(String lang, String outcome, String detail) {
            if ("request_sent".equals(outcome)) {
                return I18n.t(lang, "telegram.requestSent");
            }
            String raw = detail == null ? "" : detail;
            String upper = raw.toUpperCase(Locale.ROOT);
            String words = CODES.stream().filter(upper::contains).findFirst()
                    .map(code -> I18n.t(lang, "telegram." + code))
                    .orElse(upper.contains("TOO MANY REQUESTS") ? I18n.t(lang, "telegram.FLOOD_WAIT") : I18n.t(lang, "telegram.declined"));
            return raw.isBlank() ? words : words + " (" + I18n.t(lang, "telegram.said") + ": " + raw + ")";
        }
    }
}
