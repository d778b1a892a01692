package org.roomwatch.api;

import static org.roomwatch.api.Layout.alert;
import static org.roomwatch.api.Layout.blank;
import static org.roomwatch.api.Layout.csrf;
import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.send;
import static org.roomwatch.api.Layout.when;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.security.AuditEntry;
import org.roomwatch.core.security.AuditLog;
import org.roomwatch.core.security.Role;
import org.roomwatch.core.security.User;
import org.roomwatch.core.security.Users;

/** The admins' pages: users (add, disable, enable, unlock, new password) and the audit trail with its chain check. */
final class AdminPages {
    private final Users users;
    private final AuditLog audit;

    AdminPages(Users users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/admin/users", this::usersPage);
        app.post("/admin/users", this::addUser);
        app.post("/admin/users/{name}/disable", ctx -> setDisabled(ctx, true));
        app.post("/admin/users/{name}/enable", ctx -> setDisabled(ctx, false));
        app.post("/admin/users/{name}/unlock", this::unlock);
        app.post("/admin/users/{name}/password", this::resetPassword);
        app.get("/admin/audit", this::auditPage);
    }

    private void usersPage(Context ctx) {
        usersPage(ctx, null);
    }

    /** Users with their state and what an admin can do to each: disable or enable, unlock, set a new password; and adding one. */
    private void usersPage(Context ctx, String error) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "users"));
        Element main = main(doc);
        if (error != null) {
            alert(main, error);
        }
        String done = ctx.queryParam("done");
        if (done != null && I18n.has("admin.done." + done) && ctx.queryParam("user") != null) {
            main.appendElement("p").addClass("success").attr("role", "status").attr("id", "done")
                    .text(I18n.format(lang, "admin.done." + done, ctx.queryParam("user")));
        }
        Element table = main.appendElement("table").attr("id", "users");
        table.appendElement("caption").addClass("visually-hidden").text(I18n.t(lang, "users"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "user", "admin.role", "admin.state", "admin.actions")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        Instant now = Instant.now();
        for (User u : users.list()) {
            Element tr = body.appendElement("tr").attr("data-user", u.name());
            tr.appendElement("td").text(u.name());
            tr.appendElement("td").text(I18n.t(lang, "role." + u.role().key()));
            boolean locked = u.lockedUntil() != null && u.lockedUntil().isAfter(now);
            String state = u.disabled() ? "disabled" : locked ? "locked" : "active";
            tr.appendElement("td").addClass("state").attr("data-state", state).text(locked
                    ? I18n.format(lang, "admin.state.locked", when(u.lockedUntil().toString()), u.failedLogins())
                    : I18n.t(lang, "admin.state." + state));
            Element actions = tr.appendElement("td").addClass("actions");
            button(ctx, actions, u.name(), u.disabled() ? "enable" : "disable", I18n.t(lang, u.disabled() ? "admin.enable" : "admin.disable"));
            if (locked) {
                button(ctx, actions, u.name(), "unlock", I18n.t(lang, "admin.unlock"));
            }
            Element reset = actions.appendElement("form").addClass("inline").attr("method", "post")
                    .attr("action", "/admin/users/" + enc(u.name()) + "/password");
            csrf(ctx, reset);
            reset.appendElement("label").addClass("inline-label").text(I18n.format(lang, "admin.newPasswordFor", u.name()))
                    .appendElement("input").attr("type", "password").attr("name", "password").attr("autocomplete", "new-password")
                    .attr("required", true).attr("minlength", "12");
            reset.appendElement("button").attr("type", "submit").text(I18n.t(lang, "admin.resetPassword"));
        }
        main.appendElement("h2").text(I18n.t(lang, "admin.addAUser"));
        Element add = main.appendElement("form").attr("method", "post").attr("action", "/admin/users").addClass("search");
        csrf(ctx, add);
        add.appendElement("label").text(I18n.t(lang, "user")).appendElement("input").attr("name", "name").attr("id", "new-name");
        Element role = add.appendElement("label").text(I18n.t(lang, "admin.role")).appendElement("select").attr("name", "role").attr("id", "new-role");
        for (Role r : Role.values()) {
            role.appendElement("option").val(r.key()).text(I18n.t(lang, "role." + r.key()));
        }
        add.appendElement("label").text(I18n.t(lang, "password")).appendElement("input").attr("type", "password")
                .attr("name", "password").attr("id", "new-password").attr("autocomplete", "new-password");
        add.appendElement("button").attr("type", "submit").attr("id", "add-user").text(I18n.t(lang, "admin.add"));
        send(ctx, doc);
    }

    private static void button(Context ctx, Element parent, String user, String action, String label) {
        Element form = parent.appendElement("form").addClass("inline").attr("method", "post")
                .attr("action", "/admin/users/" + enc(user) + "/" + action);
        csrf(ctx, form);
        form.appendElement("button").attr("type", "submit").attr("data-action", action).text(label);
    }

    private static void doneRedirect(Context ctx, String what, String user) {
        ctx.status(303).header("Location", "/admin/users?done=" + what + "&user=" + enc(user));
    }

    private void addUser(Context ctx) {
        try {
            String name = String.valueOf(ctx.formParam("name")).strip();
            users.add(name, Role.parse(ctx.formParam("role")), String.valueOf(ctx.formParam("password")), ApiSecurity.user(ctx));
            doneRedirect(ctx, "added", name);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, ErrorWords.say(lang(ctx), e.getMessage()));
        }
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String name = ctx.pathParam("name");
        try {
            if (disabled && name.equals(ApiSecurity.user(ctx))) {
                throw new IllegalArgumentException(I18n.t(ctx, "admin.notYourself"));
            }
            users.setDisabled(name, disabled, ApiSecurity.user(ctx));
            if (disabled) {
                ApiSecurity.endSessionsOf(ctx, name);
            }
            doneRedirect(ctx, disabled ? "disabled" : "enabled", name);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, ErrorWords.say(lang(ctx), e.getMessage()));
        }
    }

    private void unlock(Context ctx) {
        String name = ctx.pathParam("name");
        try {
            users.unlock(name, ApiSecurity.user(ctx));
            doneRedirect(ctx, "unlocked", name);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, ErrorWords.say(lang(ctx), e.getMessage()));
        }
    }

    /** A new password set by an admin (the user forgot hers, or it may be known): sessions and tokens made with the old one end. */
    private void resetPassword(Context ctx) {
        String name = ctx.pathParam("name");
        try {
            users.resetPassword(name, String.valueOf(ctx.formParam("password")), ApiSecurity.user(ctx));
            ApiSecurity.endSessionsOf(ctx, name);
            doneRedirect(ctx, "reset", name);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, ErrorWords.say(lang(ctx), e.getMessage()));
        }
    }

    /**
     * The audit trail, filtered by who, what and when; each entry with the time in the deployment's zone, what was done
     * in words, what it touched (the case number, the list, the room, the message) and how it ended.
     */
    private void auditPage(Context ctx) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "audit"));
        Element main = main(doc);
        String actor = blank(ctx.queryParam("actor"));
        String action = blank(ctx.queryParam("action"));
        String from = blank(ctx.queryParam("from"));
        String to = blank(ctx.queryParam("to"));
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/admin/audit").attr("role", "search");
        filter(form, I18n.t(lang, "audit.who"), "actor", actor, "text");
        Element kinds = form.appendElement("label").text(I18n.t(lang, "audit.what")).appendElement("select").attr("name", "action")
                .attr("id", "action");
        kinds.appendElement("option").val("").text(I18n.t(lang, "schools.any"));
        for (AuditWords.Kind kind : AuditWords.KINDS) {
            Element option = kinds.appendElement("option").val(kind.routePart()).text(I18n.t(lang, "audit.k." + kind.key()));
            if (kind.routePart().equals(action)) {
                option.attr("selected", true);
            }
        }
        filter(form, I18n.t(lang, "from"), "from", from, "date");
        filter(form, I18n.t(lang, "to"), "to", to, "date");
        form.appendElement("button").attr("type", "submit").attr("id", "go").text(I18n.t(lang, "go"));
        Instant since;
        Instant until;
        try {
            since = SearchFilters.day(from, false);
            until = SearchFilters.day(to, true);
        } catch (java.time.format.DateTimeParseException e) {
            ctx.status(400);
            alert(main, I18n.t(lang, "badInput") + ": " + e.getParsedString());
            send(ctx, doc);
            return;
        }
        AuditLog.Verification check = audit.verify();
        main.appendElement("p").attr("id", "chain").attr("data-ok", Boolean.toString(check.ok())).addClass(check.ok() ? "success" : "error")
                .text(check.ok() ? I18n.format(lang, "audit.intact", String.format("%,d", check.entries()))
                        : I18n.format(lang, "audit.broken", check.brokenAt(), check.problem()));
        Element table = main.appendElement("table").attr("id", "audit").addClass("audit");
        table.appendElement("caption").addClass("visually-hidden").text(I18n.t(lang, "audit"));
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : I18n.all(lang, "audit.when", "audit.who", "audit.what", "audit.target", "audit.outcome", "audit.detail")) {
            head.appendElement("th").attr("scope", "col").text(h);
        }
        Element body = table.appendElement("tbody");
        for (AuditEntry e : audit.read(new AuditLog.Filter(actor, action, since, until, 200))) {
            Element tr = body.appendElement("tr").attr("data-seq", Long.toString(e.seq()));
            tr.appendElement("td").addClass("nowrap").text(when(e.at().toString()));
            tr.appendElement("td").text(e.actor() + (e.role() == null || e.role().equals("-") ? "" : " (" + I18n.t(lang, "role." + e.role()) + ")")
                    + (e.address() == null ? "" : " · " + e.address()));
            tr.appendElement("td").attr("title", e.action()).text(AuditWords.action(lang, e.action()));
            tr.appendElement("td").addClass("target").text(e.target() == null ? "" : e.target());
            tr.appendElement("td").text(AuditWords.outcome(lang, e.status(), e.results()));
            tr.appendElement("td").addClass("detail").text(e.detail() == null ? "" : e.detail());
        }
        send(ctx, doc);
    }

    private static void filter(Element form, String text, String name, String value, String type) {
        form.appendElement("label").text(text).appendElement("input").attr("type", type).attr("name", name).attr("id", name)
                .val(value == null ? "" : value);
    }
}
