package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.DiscoveredRoom;
import org.roomwatch.core.DiscoveredRooms;
import org.roomwatch.core.watch.Alert;
import org.roomwatch.core.watch.AlertInbox;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.core.watch.Watchlists;

/**
 * The analysts' pages: watchlists (create one with its first rule), the alerts inbox (move an alert on: seen,
 * actioned, dismissed) and the triage queue of discovered rooms (dismiss). Who did it is the logged-in user, never
 * a form field.
 */
final class WatchPages {
    private final Watchlists watchlists;
    private final AlertInbox alerts;
    private final DiscoveredRooms discovered;
    private final Clock clock;
    private final org.roomwatch.core.RoomWatcher watcher;
    private final java.util.function.Supplier<org.roomwatch.core.account.AccountOperations> accounts;
    private final java.util.function.Supplier<org.roomwatch.tagging.Tagging> tagging;

    WatchPages(Watchlists watchlists, AlertInbox alerts, DiscoveredRooms discovered, Clock clock, org.roomwatch.core.RoomWatcher watcher,
               java.util.function.Supplier<org.roomwatch.core.account.AccountOperations> accounts,
               java.util.function.Supplier<org.roomwatch.tagging.Tagging> tagging) {
        this.tagging = tagging;
        this.watcher = watcher;
        this.accounts = accounts;
        this.watchlists = watchlists;
        this.alerts = alerts;
        this.discovered = discovered;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/watchlists", ctx -> watchlistsPage(ctx, null));
        app.post("/watchlists", this::createWatchlist);
        new AlertPages(watchlists, alerts).register(app);
        new DiscoveredPages(discovered, clock, watcher, accounts, tagging).register(app);
    }

    private void watchlistsPage(Context ctx, String error) {
        Document doc = Layout.page(ctx, I18n.t(ctx, "watch.watchlists"));
        Element main = Layout.main(doc);
        if (error != null) {
            Layout.alert(main, error);
        }
        Element table = main.appendElement("table").attr("id", "watchlists");
        Element head = table.appendElement("tr");
        for (String h : new String[] {I18n.t(ctx, "watch.name"), I18n.t(ctx, "watch.owner"), I18n.t(ctx, "watch.highPriority"),
                I18n.t(ctx, "watch.rules")}) {
            head.appendElement("th").text(h);
        }
        for (Watchlist w : watchlists.all().stream().filter(w -> ApiSecurity.sees(ctx, Ownership.Scope.WATCHLIST, w.id())).toList()) {
            Element tr = table.appendElement("tr");
            tr.appendElement("td").text(w.name());
            tr.appendElement("td").text(w.owner());
            tr.appendElement("td").text(w.highPriority() ? "●" : "");
            tr.appendElement("td").text(String.join(", ", w.rules().stream().map(r -> r.kind().name().toLowerCase() + ":" + r.value())
                    .toList()));
        }
        main.appendElement("h2").text(I18n.t(ctx, "watch.newWatchlist"));
        Element form = main.appendElement("form").attr("method", "post").attr("action", "/watchlists").addClass("search");
        Layout.csrf(ctx, form);
        label(form, I18n.t(ctx, "watch.name"), "name", "text");
        label(form, I18n.t(ctx, "watch.mailToCommaSeparated"), "members", "text");
        Element kind = form.appendElement("label").text(I18n.t(ctx, "watch.ruleKind"));
        Element select = kind.appendElement("select").attr("name", "kind").attr("id", "kind");
        for (RuleKind k : List.of(RuleKind.TERM, RuleKind.SCHOOL, RuleKind.ROOM)) {
            select.appendElement("option").val(k.name().toLowerCase()).text(k.name().toLowerCase());
        }
        label(form, I18n.t(ctx, "watch.ruleValueTermSchoolId"), "value", "text");
        Element high = form.appendElement("label").text(I18n.t(ctx, "watch.highPriorityMailAtOnce"));
        high.appendElement("input").attr("type", "checkbox").attr("name", "high").attr("id", "high");
        form.appendElement("button").attr("type", "submit").attr("id", "create").text(I18n.t(ctx, "watch.create"));
        Layout.send(ctx, doc);
    }

    private static void label(Element form, String text, String name, String type) {
        form.appendElement("label").text(text).appendElement("input").attr("type", type).attr("name", name).attr("id", name);
    }

    private void createWatchlist(Context ctx) {
        String user = ApiSecurity.user(ctx);
        String name = String.valueOf(ctx.formParam("name") == null ? "" : ctx.formParam("name")).strip();
        String value = String.valueOf(ctx.formParam("value") == null ? "" : ctx.formParam("value")).strip();
        List<String> members = Arrays.stream(String.valueOf(ctx.formParam("members") == null ? "" : ctx.formParam("members"))
                .split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
        try {
            RuleKind kind = RuleKind.valueOf(String.valueOf(ctx.formParam("kind")).toUpperCase());
            if (name.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException(I18n.t(ctx, "watch.aNameAndARule"));
            }
            Watchlist list = watchlists.create(name, user, ctx.formParam("high") != null, members, user);
            Rule rule = watchlists.addRule(list.id(), kind, value, null, user);
            ApiSecurity.results(ctx, 1);
            ctx.status(303).header("Location", "/watchlists?created=" + URLEncoder.encode(list.id() + "/" + rule.id(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            watchlistsPage(ctx, e.getMessage());
        }
    }

}
