package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.watch.Alert;
import org.roomwatch.core.watch.AlertInbox;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.core.watch.Watchlists;

/**
 * Alert triage: the alerts of the analyst's lists, filtered by state, list and priority, a page at a time, each with
 * the message (opened whole), which rules matched and what, and moved on one at a time or many at once. The
 * navigation shows how many are new.
 */
final class AlertPages {
    static final int PAGE_SIZE = 50;
    static final List<String> STATES = List.of("new", "seen", "actioned", "dismissed");
    private static final List<String> MOVES = List.of("seen", "actioned", "dismissed");

    private final Watchlists watchlists;
    private final AlertInbox alerts;
    private final org.roomwatch.core.search.MessageViews messages;

    /** {@code messages} (may be null) lets each alert show its message's text beside it. */
    AlertPages(Watchlists watchlists, AlertInbox alerts, org.roomwatch.core.search.MessageViews messages) {
        this.watchlists = watchlists;
        this.alerts = alerts;
        this.messages = messages;
    }

    void register(Javalin app) {
        // Every page's navigation counts the new alerts of the lists the user may see, only when a page is drawn.
        app.before(ctx -> ctx.attribute(Layout.NEW_ALERTS, (java.util.function.Supplier<Long>) () ->
                alerts.find("new", null, null, 1, 1, WatchRoutes.visibleLists(ctx, watchlists)).total()));
        app.get("/alerts", this::alertsPage);
        app.post("/alerts/{id}/state", this::alertState);
        app.post("/alerts/state", this::bulkState);
    }

    private void alertsPage(Context ctx) {
        String lang = Layout.lang(ctx);
        Document doc = Layout.page(ctx, I18n.t(lang, "watch.alerts"));
        Element main = Layout.main(doc);
        String state = Layout.blank(ctx.queryParam("state"));
        String list = Layout.blank(ctx.queryParam("watchlist"));
        String priority = Layout.blank(ctx.queryParam("priority"));
        int page;
        try {
            page = Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1").strip());
            if (page < 1 || (long) page * PAGE_SIZE > 10_000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            page = -1;
        }
        Set<String> visible = WatchRoutes.visibleLists(ctx, watchlists);
        List<Watchlist> lists = watchlists.all().stream().filter(w -> visible == null || visible.contains(w.id())).toList();
        filters(main, lang, state, list, priority, lists);
        String problem = state != null && !STATES.contains(state) ? "state"
                : priority != null && !List.of("high", "normal").contains(priority) ? "priority"
                : page < 0 ? "page" : null;
        if (problem != null) {
            ctx.status(400);
            Layout.alert(main, I18n.format(lang, "alerts.bad." + problem, String.valueOf(ctx.queryParam(problem))));
            Layout.send(ctx, doc);
            return;
        }
        String done = ctx.queryParam("moved");
        if (done != null && done.matches("\\d{1,5}")) {
            main.appendElement("p").addClass("success").attr("role", "status").attr("id", "done").text(I18n.format(lang, "alerts.moved", done));
        }
        Alert.Page found = alerts.find(state, list, null, priority, page, PAGE_SIZE, visible);
        ApiSecurity.results(ctx, found.total());
        main.appendElement("p").attr("id", "total").attr("data-total", Long.toString(found.total()))
                .text(I18n.format(lang, "alerts.count", String.format("%,d", found.total())));
        Element bulk = main.appendElement("form").attr("id", "bulk").attr("method", "post").attr("action", "/alerts/state");
        Layout.csrf(ctx, bulk);
        bulk.appendElement("input").attr("type", "hidden").attr("name", "back").val(ctx.queryString() == null ? "" : ctx.queryString());
        Element table = main.appendElement("table").attr("id", "alerts");
        table.appendElement("caption").addClass("visually-hidden").text(I18n.t(lang, "watch.alerts"));
        Element head = table.appendElement("thead").appendElement("tr");
        head.appendElement("th").attr("scope", "col").appendElement("span").addClass("visually-hidden").text(I18n.t(lang, "alerts.pick"));
        for (String h : I18n.all(lang, "alerts.when", "alerts.list", "alerts.rules", "alerts.where", "alerts.state", "alerts.move")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        // The messages' texts in one round trip, so each alert is read with what was said, not only where.
        java.util.Map<String, String> texts = messages == null ? java.util.Map.of() : messages.texts(found.hits().stream()
                .map(h -> h.source().messageId()).filter(java.util.Objects::nonNull).distinct().toList());
        for (Alert.Found h : found.hits()) {
            row(ctx, lang, body, h, texts.get(h.source().messageId()));
        }
        if (!found.hits().isEmpty()) {
            Element label = bulk.appendElement("label").text(I18n.t(lang, "alerts.bulkTo"));
            Element to = label.appendElement("select").attr("name", "state").attr("id", "bulk-state");
            for (String next : MOVES) {
                to.appendElement("option").val(next).text(I18n.t(lang, "alert.state." + next));
            }
            bulk.appendElement("button").attr("type", "submit").attr("id", "bulk-move").text(I18n.t(lang, "alerts.bulkMove"));
        }
        pager(main, lang, ctx, page, found.total());
        Layout.send(ctx, doc);
    }

    private static void row(Context ctx, String lang, Element body, Alert.Found h, String text) {
        Alert a = h.source();
        Element tr = body.appendElement("tr").attr("data-id", h.id()).attr("data-state", String.valueOf(a.state()));
        tr.appendElement("td").appendElement("input").attr("type", "checkbox").attr("name", "id").attr("form", "bulk").val(h.id())
                .attr("aria-label", I18n.t(lang, "alerts.pick"));
        tr.appendElement("td").addClass("nowrap").text(Layout.when(a.createdAt()));
        Element listCell = tr.appendElement("td");
        listCell.appendText(String.valueOf(a.watchlistName()));
        if ("high".equals(a.priority())) {
            listCell.appendText(" ");
            listCell.appendElement("span").addClass("badge high").text(I18n.t(lang, "watch.highPriority"));
        }
        Element rules = tr.appendElement("td").appendElement("ul").addClass("plain");
        for (Alert.MatchedRule r : a.rules()) {
            String kind = I18n.t(lang, "rule.kind." + r.kind());
            rules.appendElement("li").text(kind + (r.matched() == null ? "" : ": " + r.matched())
                    + (r.distance() == null ? "" : " (" + I18n.t(lang, "case.distance") + " " + r.distance() + ")"));
        }
        Element where = tr.appendElement("td");
        String room = String.valueOf(a.roomId());
        String name = room.contains(":") ? room.substring(room.indexOf(':') + 1) : room;
        where.appendElement("a").attr("href", "/rooms/" + enc(name)).text(name);
        if (a.messageId() != null) {
            where.appendText(" · ");
            where.appendElement("a").addClass("message").attr("href", "/messages/" + enc(a.messageId())).text(I18n.t(lang, "message.open"));
            if (text != null && !text.isBlank()) {
                int cut = text.offsetByCodePoints(0, Math.min(text.codePointCount(0, text.length()), 160));
                where.appendElement("p").addClass("excerpt").text(text.substring(0, cut) + (cut < text.length() ? " …" : ""));
            }
        }
        tr.appendElement("td").addClass("state").text(I18n.t(lang, "alert.state." + a.state())
                + (a.stateBy() == null || "roomwatch".equals(a.stateBy()) ? "" : " · " + a.stateBy()));
        Element actions = tr.appendElement("td");
        for (String next : MOVES) {
            if (next.equals(a.state())) {
                continue;
            }
            Element form = actions.appendElement("form").attr("method", "post").attr("action", "/alerts/" + enc(h.id()) + "/state")
                    .addClass("inline");
            Layout.csrf(ctx, form);
            form.appendElement("input").attr("type", "hidden").attr("name", "state").val(next);
            form.appendElement("button").attr("type", "submit").attr("data-state", next).text(I18n.t(lang, "alert.move." + next));
        }
    }

    private static void filters(Element main, String lang, String state, String list, String priority, List<Watchlist> lists) {
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/alerts").attr("role", "search");
        Element states = form.appendElement("label").text(I18n.t(lang, "alerts.state")).appendElement("select").attr("name", "state").attr("id", "state");
        states.appendElement("option").val("").text(I18n.t(lang, "schools.any"));
        for (String s : STATES) {
            Element o = states.appendElement("option").val(s).text(I18n.t(lang, "alert.state." + s));
            if (s.equals(state)) {
                o.attr("selected", true);
            }
        }
        Element names = form.appendElement("label").text(I18n.t(lang, "alerts.list")).appendElement("select").attr("name", "watchlist").attr("id", "watchlist");
        names.appendElement("option").val("").text(I18n.t(lang, "schools.any"));
        for (Watchlist w : lists) {
            Element o = names.appendElement("option").val(w.id()).text(w.name());
            if (w.id().equals(list)) {
                o.attr("selected", true);
            }
        }
        Element priorities = form.appendElement("label").text(I18n.t(lang, "alerts.priority")).appendElement("select").attr("name", "priority").attr("id", "priority");
        priorities.appendElement("option").val("").text(I18n.t(lang, "schools.any"));
        for (String p : List.of("high", "normal")) {
            Element o = priorities.appendElement("option").val(p).text(I18n.t(lang, "alerts.priority." + p));
            if (p.equals(priority)) {
                o.attr("selected", true);
            }
        }
        form.appendElement("button").attr("type", "submit").attr("id", "go").text(I18n.t(lang, "go"));
    }

    private static void pager(Element main, String lang, Context ctx, int page, long total) {
        long pages = Math.min((total + PAGE_SIZE - 1) / PAGE_SIZE, 10_000 / PAGE_SIZE);
        if (pages <= 1) {
            return;
        }
        Element nav = main.appendElement("nav").addClass("pager").attr("aria-label", I18n.t(lang, "search.pages"));
        String base = "/alerts?" + SearchPages.without(ctx, "page");
        for (long n = 1; n <= pages; n++) {
            if (n == page) {
                nav.appendElement("span").addClass("current").attr("aria-current", "page").text(Long.toString(n));
            } else if (n == 1 || n == pages || Math.abs(n - page) <= 2) {
                nav.appendElement("a").attr("href", base + "&page=" + n).text(Long.toString(n));
            }
        }
    }

    private void alertState(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            if (alerts.changeState(id, String.valueOf(ctx.formParam("state")), ApiSecurity.user(ctx),
                    WatchRoutes.visibleLists(ctx, watchlists)).isEmpty()) {
                Layout.messagePage(ctx, 404, I18n.t(ctx, "watch.alerts"), I18n.t(Layout.lang(ctx), "notFound"));
                return;
            }
            ctx.status(303).header("Location", "/alerts?moved=1");
        } catch (IllegalArgumentException | IllegalStateException e) {
            Layout.messagePage(ctx, 400, I18n.t(ctx, "watch.alerts"), I18n.t(ctx, "alerts.cannotMove") + " " + ErrorWords.say(Layout.lang(ctx), e.getMessage()));
        }
    }

    /**
     * Many alerts moved at once. Each is checked as a single move is (the officer's own lists, an allowed step); those
     * that cannot move are named and the rest are moved.
     */
    private void bulkState(Context ctx) {
        String lang = Layout.lang(ctx);
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(ctx.formParams("id")));
        String state = String.valueOf(ctx.formParam("state"));
        if (ids.isEmpty() || ids.size() > PAGE_SIZE || !MOVES.contains(state)) {
            Layout.messagePage(ctx, 400, I18n.t(lang, "watch.alerts"), I18n.t(lang, ids.isEmpty() ? "alerts.noneChosen" : "alerts.bad.bulk"));
            return;
        }
        int moved = 0;
        List<String> refused = new ArrayList<>();
        for (String id : ids) {
            try {
                if (alerts.changeState(id, state, ApiSecurity.user(ctx), WatchRoutes.visibleLists(ctx, watchlists)).isPresent()) {
                    moved++;
                } else {
                    refused.add(id);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                refused.add(id);
            }
        }
        ApiSecurity.results(ctx, moved);
        if (!refused.isEmpty()) {
            Layout.messagePage(ctx, 409, I18n.t(lang, "watch.alerts"), I18n.format(lang, "alerts.partly", moved, String.join(", ", refused)));
            return;
        }
        String back = String.valueOf(ctx.formParam("back")).replaceAll("(^|&)(moved|page)=[^&]*", "").replaceAll("[^A-Za-z0-9=&%_.~+-]", "");
        ctx.status(303).header("Location", "/alerts?" + back + (back.isEmpty() ? "" : "&") + "moved=" + moved);
    }
}
