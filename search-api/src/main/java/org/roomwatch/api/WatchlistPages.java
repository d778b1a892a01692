package org.roomwatch.api;

import static org.roomwatch.api.Layout.enc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.watch.Rule;
import org.roomwatch.core.watch.RuleKind;
import org.roomwatch.core.watch.Watchlist;
import org.roomwatch.core.watch.Watchlists;
import org.roomwatch.tagging.Tagging;

/**
 * Watchlists on the pages: made with any number of rules of every kind in one go (a school or a person picked by
 * name, a hash set by its name, a room by title), each rule checked before anything is created; a list's own page to
 * rename it, change its priority and members, add and delete rules, and read its audit. Each change says it was made.
 */
final class WatchlistPages {
    static final int RULE_ROWS = 5;
    static final List<RuleKind> KINDS = List.of(RuleKind.TERM, RuleKind.SCHOOL, RuleKind.PERSON, RuleKind.ROOM, RuleKind.HASHSET,
            RuleKind.IMAGE, RuleKind.DISCOVERED);

    private final Watchlists watchlists;
    private final SchoolLookup schools;
    private final RuleWords ruleWords;

    WatchlistPages(Watchlists watchlists, SchoolLookup schools, SearchFilters rooms, Supplier<Tagging> tagging) {
        this.watchlists = watchlists;
        this.schools = schools;
        this.ruleWords = new RuleWords(schools, rooms, tagging);
    }

    void register(Javalin app) {
        app.get("/watchlists", ctx -> listsPage(ctx, null));
        app.post("/watchlists", this::create);
        app.get("/watchlists/{id}", ctx -> listPage(ctx, null));
        app.post("/watchlists/{id}", this::update);
        app.post("/watchlists/{id}/rules", this::addRule);
        app.post("/watchlists/{id}/rules/{rule}/delete", this::deleteRule);
        app.post("/watchlists/{id}/rules/{rule}", this::changeRule);
    }

    private void listsPage(Context ctx, String error) {
        String lang = Layout.lang(ctx);
        Document doc = Layout.page(ctx, I18n.t(lang, "watch.watchlists"));
        Element main = Layout.main(doc);
        if (error != null) {
            Layout.alert(main, error).attr("id", "error");
        }
        Element table = main.appendElement("table").attr("id", "watchlists");
        table.appendElement("caption").addClass("visually-hidden").text(I18n.t(lang, "watch.watchlists"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "watch.name", "watch.owner", "alerts.priority", "watch.rules", "watchlist.members")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        List<Watchlist> visible = watchlists.all().stream().filter(w -> ApiSecurity.sees(ctx, Ownership.Scope.WATCHLIST, w.id())).toList();
        ApiSecurity.results(ctx, visible.size());
        for (Watchlist w : visible) {
            Element tr = body.appendElement("tr").attr("data-id", w.id());
            tr.appendElement("td").appendElement("a").attr("href", "/watchlists/" + enc(w.id())).text(w.name());
            tr.appendElement("td").text(w.owner());
            tr.appendElement("td").text(I18n.t(lang, "alerts.priority." + (w.highPriority() ? "high" : "normal")));
            tr.appendElement("td").text(String.join(", ", w.rules().stream().map(r -> ruleWords.words(lang, r)).toList()));
            tr.appendElement("td").addClass("number").text(Integer.toString(w.members().size()));
        }
        main.appendElement("h2").text(I18n.t(lang, "watch.newWatchlist"));
        Element form = main.appendElement("form").attr("method", "post").attr("action", "/watchlists").attr("id", "new-list");
        Layout.csrf(ctx, form);
        Element fields = form.appendElement("div").addClass("search");
        input(fields, I18n.t(lang, "watch.name"), "name", ctx.formParam("name"));
        input(fields, I18n.t(lang, "watch.mailToCommaSeparated"), "members", ctx.formParam("members"));
        Element high = fields.appendElement("label").text(I18n.t(lang, "watch.highPriorityMailAtOnce"));
        Element box = high.appendElement("input").attr("type", "checkbox").attr("name", "high").attr("id", "high");
        if (ctx.formParam("high") != null) {
            box.attr("checked", true);
        }
        ruleRows(form, lang, ctx);
        form.appendElement("button").attr("type", "submit").attr("id", "create").text(I18n.t(lang, "watch.create"));
        Picks.useHtmx(doc);
        Layout.send(ctx, doc);
    }

    /** Rows of rule kind and value, as typed before (a refused form comes back whole). */
    private static void ruleRows(Element form, String lang, Context ctx) {
        Element table = form.appendElement("table").attr("id", "new-rules");
        table.appendElement("caption").text(I18n.t(lang, "watchlist.rulesHint"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "watch.ruleKind", "watchlist.value")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (int i = 1; i <= RULE_ROWS; i++) {
            Element tr = body.appendElement("tr");
            Element select = tr.appendElement("td").appendElement("select").attr("name", "kind" + i).attr("id", "kind" + i)
                    .attr("aria-label", I18n.format(lang, "watchlist.kindN", i));
            String chosen = ctx.formParam("kind" + i);
            for (RuleKind k : KINDS) {
                Element o = select.appendElement("option").val(k.key()).text(I18n.t(lang, "rule.kind." + k.key()));
                if (k.key().equals(chosen) || (chosen == null && k == RuleKind.TERM)) {
                    o.attr("selected", true);
                }
            }
            Element value = tr.appendElement("td").appendElement("input").attr("name", "value" + i).attr("id", "value" + i)
                    .attr("aria-label", I18n.format(lang, "watchlist.valueN", i)).attr("list", "school-options").attr("autocomplete", "off");
            if (ctx.formParam("value" + i) != null) {
                value.val(ctx.formParam("value" + i));
            }
        }
        // One suggestion list for the rows: schools as the officer types (the most common rule after words).
        form.appendElement("datalist").attr("id", "school-options");
        body.select("input").forEach(in -> in.attr("hx-get", "/pick/schools").attr("hx-trigger", "input changed delay:250ms")
                .attr("hx-target", "#school-options").attr("hx-swap", "innerHTML"));
    }

    private void create(Context ctx) {
        String lang = Layout.lang(ctx);
        String user = ApiSecurity.user(ctx);
        String name = String.valueOf(ctx.formParam("name") == null ? "" : ctx.formParam("name")).strip();
        try {
            if (name.isEmpty()) {
                throw new IllegalArgumentException(I18n.t(lang, "watchlist.noName"));
            }
            // A form sent twice (a double click, a reload) must not make the same list twice.
            if (watchlists.all().stream().anyMatch(w -> w.owner().equals(user) && w.name().equals(name))) {
                throw new IllegalArgumentException(I18n.format(lang, "watchlist.exists", name));
            }
            List<Watchlists.NewRule> rules = new ArrayList<>();
            for (int i = 1; i <= RULE_ROWS; i++) {
                String value = Layout.blank(ctx.formParam("value" + i));
                if (value != null) {
                    rules.add(ruleWords.read(lang, i, ctx.formParam("kind" + i), value));
                }
            }
            if (rules.isEmpty()) {
                throw new IllegalArgumentException(I18n.t(lang, "watch.aNameAndARule"));
            }
            Watchlist list;
            try {
                list = watchlists.createWithRules(name, user, ctx.formParam("high") != null, members(ctx), rules, user);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(I18n.format(lang, "watchlist.refused", ErrorWords.say(lang, e.getMessage())), e);
            }
            ApiSecurity.results(ctx, 1);
            ctx.status(303).header("Location", "/watchlists/" + enc(list.id()) + "?done=created");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            listsPage(ctx, ErrorWords.say(lang, e.getMessage()));
        }
    }


    private static List<String> members(Context ctx) {
        return Arrays.stream(String.valueOf(ctx.formParam("members") == null ? "" : ctx.formParam("members")).split("[,\\s]+"))
                .map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    /** The list the path names, or null once a 404 page has been answered (the access table already checked it is hers). */
    private Watchlist listOrNotFound(Context ctx) {
        Watchlist w = watchlists.find(ctx.pathParam("id")).orElse(null);
        if (w == null) {
            Layout.messagePage(ctx, 404, I18n.t(ctx, "watch.watchlists"), I18n.t(Layout.lang(ctx), "notFound"));
        }
        return w;
    }

    private void listPage(Context ctx, String error) {
        String lang = Layout.lang(ctx);
        Watchlist w = listOrNotFound(ctx);
        if (w == null) {
            return;
        }
        Document doc = Layout.page(ctx, w.name());
        Element main = Layout.main(doc);
        if (error != null) {
            Layout.alert(main, error).attr("id", "error");
        }
        String done = ctx.queryParam("done");
        if (done != null && done.matches("[A-Za-z]+") && I18n.has("watchlist.done." + done)) {
            main.appendElement("p").addClass("success").attr("role", "status").attr("id", "done").text(I18n.t(lang, "watchlist.done." + done));
        }
        String base = "/watchlists/" + enc(w.id());
        Element settings = main.appendElement("form").attr("method", "post").attr("action", base).attr("id", "settings").addClass("search");
        Layout.csrf(ctx, settings);
        input(settings, I18n.t(lang, "watch.name"), "name", w.name());
        input(settings, I18n.t(lang, "watch.mailToCommaSeparated"), "members", String.join(", ", w.members()));
        Element high = settings.appendElement("label").text(I18n.t(lang, "watch.highPriorityMailAtOnce"));
        Element box = high.appendElement("input").attr("type", "checkbox").attr("name", "high").attr("id", "high");
        if (w.highPriority()) {
            box.attr("checked", true);
        }
        settings.appendElement("button").attr("type", "submit").attr("id", "save").text(I18n.t(lang, "watchlist.save"));

        main.appendElement("h2").text(I18n.t(lang, "watch.rules"));
        Element rules = main.appendElement("table").attr("id", "rules");
        Element head = rules.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "watch.ruleKind", "watchlist.value", "alerts.move")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = rules.appendElement("tbody");
        for (Rule r : w.rules()) {
            Element tr = body.appendElement("tr").attr("data-rule", r.id());
            tr.appendElement("td").text(I18n.t(lang, "rule.kind." + r.kind().key()));
            tr.appendElement("td").text(ruleWords.value(r));
            Element actions = tr.appendElement("td");
            // A rule's value changed in place (its kind stays): the new value is read as any new rule's would be.
            Element change = actions.appendElement("form").attr("method", "post").addClass("inline")
                    .attr("action", base + "/rules/" + enc(r.id()));
            Layout.csrf(ctx, change);
            change.appendElement("input").attr("name", "value").attr("aria-label", I18n.format(lang, "watchlist.newValue", ruleWords.value(r)))
                    .val(r.kind() == RuleKind.SCHOOL && schools.school(r.value()) != null ? SchoolLookup.label(schools.school(r.value())) : r.value());
            change.appendElement("button").attr("type", "submit").attr("data-action", "change").text(I18n.t(lang, "watchlist.changeRule"));
            Element delete = actions.appendElement("form").attr("method", "post").addClass("inline")
                    .attr("action", base + "/rules/" + enc(r.id()) + "/delete");
            Layout.csrf(ctx, delete);
            delete.appendElement("button").attr("type", "submit").attr("data-action", "delete").text(I18n.t(lang, "watchlist.deleteRule"));
        }
        Element add = main.appendElement("form").attr("method", "post").attr("action", base + "/rules").attr("id", "add-rule").addClass("search");
        Layout.csrf(ctx, add);
        Element kind = add.appendElement("label").text(I18n.t(lang, "watch.ruleKind")).appendElement("select").attr("name", "kind").attr("id", "kind");
        for (RuleKind k : KINDS) {
            kind.appendElement("option").val(k.key()).text(I18n.t(lang, "rule.kind." + k.key()));
        }
        input(add, I18n.t(lang, "watchlist.value"), "value", ctx.formParam("value"));
        add.appendElement("button").attr("type", "submit").attr("id", "add").text(I18n.t(lang, "watchlist.addRule"));

        main.appendElement("h2").text(I18n.t(lang, "watchlist.audit"));
        Element audit = main.appendElement("table").attr("id", "list-audit");
        Element auditHead = audit.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "audit.when", "audit.who", "audit.what", "audit.detail")) {
            auditHead.appendElement("th").attr("scope", "col").text(h);
        }
        Element auditBody = audit.appendElement("tbody");
        for (Watchlists.AuditEntry e : watchlists.audit(w.id())) {
            Element tr = auditBody.appendElement("tr");
            tr.appendElement("td").addClass("nowrap").text(Layout.when(e.at().toString()));
            tr.appendElement("td").text(e.actor());
            tr.appendElement("td").text(I18n.has("watchlist.change." + e.action()) ? I18n.t(lang, "watchlist.change." + e.action()) : e.action());
            tr.appendElement("td").addClass("detail").text(RuleWords.detail(lang, e.detail()));
        }
        ApiSecurity.results(ctx, 1);
        Layout.send(ctx, doc);
    }

    private void update(Context ctx) {
        Watchlist w = listOrNotFound(ctx);
        if (w == null) {
            return;
        }
        try {
            watchlists.update(w.id(), String.valueOf(ctx.formParam("name")), ctx.formParam("high") != null, members(ctx), ApiSecurity.user(ctx));
            ctx.status(303).header("Location", "/watchlists/" + enc(w.id()) + "?done=saved");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            listPage(ctx, ErrorWords.say(Layout.lang(ctx), e.getMessage()));
        }
    }

    private void addRule(Context ctx) {
        String lang = Layout.lang(ctx);
        Watchlist w = listOrNotFound(ctx);
        if (w == null) {
            return;
        }
        try {
            String value = Layout.blank(ctx.formParam("value"));
            if (value == null) {
                throw new IllegalArgumentException(I18n.t(lang, "watchlist.noValue"));
            }
            Watchlists.NewRule rule = ruleWords.read(lang, 1, ctx.formParam("kind"), value);
            watchlists.addRule(w.id(), rule.kind(), rule.value(), rule.threshold(), ApiSecurity.user(ctx));
            ctx.status(303).header("Location", "/watchlists/" + enc(w.id()) + "?done=ruleAdded");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            listPage(ctx, ErrorWords.say(Layout.lang(ctx), e.getMessage()));
        }
    }

    private void changeRule(Context ctx) {
        String lang = Layout.lang(ctx);
        Watchlist w = listOrNotFound(ctx);
        if (w == null) {
            return;
        }
        Rule old = w.rules().stream().filter(r -> r.id().equals(ctx.pathParam("rule"))).findFirst().orElse(null);
        try {
            if (old == null) {
                throw new IllegalArgumentException(I18n.t(lang, "watchlist.ruleGone"));
            }
            String value = Layout.blank(ctx.formParam("value"));
            if (value == null) {
                throw new IllegalArgumentException(I18n.t(lang, "watchlist.noValue"));
            }
            Watchlists.NewRule changed = ruleWords.read(lang, 1, old.kind().key(), value);
            watchlists.replaceRule(w.id(), old.id(), changed.value(), ApiSecurity.user(ctx));
            ctx.status(303).header("Location", "/watchlists/" + enc(w.id()) + "?done=ruleChanged");
        } catch (IllegalArgumentException e) {
            ctx.status(old == null ? 409 : 400);
            listPage(ctx, ErrorWords.say(lang, e.getMessage()));
        }
    }

    private void deleteRule(Context ctx) {
        Watchlist w = listOrNotFound(ctx);
        if (w == null) {
            return;
        }
        try {
            watchlists.removeRule(w.id(), ctx.pathParam("rule"), ApiSecurity.user(ctx));
            ctx.status(303).header("Location", "/watchlists/" + enc(w.id()) + "?done=ruleDeleted");
        } catch (IllegalArgumentException e) {
            // Deleted already (a second click): say so on the list's page rather than fail.
            ctx.status(409);
            listPage(ctx, I18n.t(Layout.lang(ctx), "watchlist.ruleGone"));
        }
    }


    private static void input(Element parent, String text, String name, String value) {
        Element in = parent.appendElement("label").text(text).appendElement("input").attr("type", "text").attr("name", name).attr("id", name);
        if (value != null) {
            in.val(value);
        }
    }
}
