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

/** The admins' pages: users (add, disable, enable) and the audit log with its chain check. */
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
        app.get("/admin/audit", this::auditPage);
    }

    private void usersPage(Context ctx) {
        usersPage(ctx, null);
    }

    /** Users with their state, a form per user to disable or enable it, and a form to add one. */
    private void usersPage(Context ctx, String error) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "users"));
        Element main = main(doc);
        if (error != null) {
            alert(main, error);
        }
        Element table = main.appendElement("table").attr("id", "users");
        for (User u : users.list()) {
            Element tr = table.appendElement("tr");
            tr.appendElement("td").text(u.name());
            tr.appendElement("td").text(u.role().key());
            tr.appendElement("td").addClass("state").text(u.disabled() ? "disabled" : u.lockedUntil() != null
                    && u.lockedUntil().isAfter(Instant.now()) ? "locked until " + when(u.lockedUntil().toString()) : "active");
            Element form = tr.appendElement("td").appendElement("form").attr("method", "post")
                    .attr("action", "/admin/users/" + enc(u.name()) + (u.disabled() ? "/enable" : "/disable"));
            csrf(ctx, form);
            form.appendElement("button").attr("type", "submit").text(u.disabled() ? I18n.t(lang, "admin.enable") : I18n.t(lang, "admin.disable"));
        }
        main.appendElement("h2").text(I18n.t(lang, "admin.addAUser"));
        Element add = main.appendElement("form").attr("method", "post").attr("action", "/admin/users").addClass("search");
        csrf(ctx, add);
        add.appendElement("label").text(I18n.t(lang, "user")).appendElement("input").attr("name", "name").attr("id", "new-name");
        Element role = add.appendElement("label").text(I18n.t(lang, "admin.role")).appendElement("select").attr("name", "role").attr("id", "new-role");
        for (Role r : Role.values()) {
            role.appendElement("option").val(r.key()).text(r.key());
        }
        add.appendElement("label").text(I18n.t(lang, "password")).appendElement("input").attr("type", "password")
                .attr("name", "password").attr("id", "new-password").attr("autocomplete", "new-password");
        add.appendElement("button").attr("type", "submit").attr("id", "add-user").text(I18n.t(lang, "admin.add"));
        send(ctx, doc);
    }

    private void addUser(Context ctx) {
        try {
            users.add(String.valueOf(ctx.formParam("name")).strip(), Role.parse(ctx.formParam("role")),
                    String.valueOf(ctx.formParam("password")), ApiSecurity.user(ctx));
            ctx.status(303).header("Location", "/admin/users");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, e.getMessage());
        }
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String name = ctx.pathParam("name");
        try {
            if (disabled && name.equals(ApiSecurity.user(ctx))) {
                throw new IllegalArgumentException("you cannot disable yourself");
            }
            users.setDisabled(name, disabled, ApiSecurity.user(ctx));
            if (disabled) {
                ApiSecurity.endSessionsOf(ctx, name);
            }
            ctx.status(303).header("Location", "/admin/users");
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            usersPage(ctx, e.getMessage());
        }
    }

    private void auditPage(Context ctx) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "audit"));
        Element main = main(doc);
        String actor = blank(ctx.queryParam("actor"));
        Element form = main.appendElement("form").attr("method", "get").attr("action", "/admin/audit");
        Element label = form.appendElement("label").text("actor");
        label.appendElement("input").attr("name", "actor").attr("id", "actor").val(actor == null ? "" : actor);
        form.appendElement("button").attr("type", "submit").text(I18n.t(lang, "go"));
        AuditLog.Verification check = audit.verify();
        main.appendElement("p").attr("id", "chain").text(check.ok() ? "hash chain intact: " + check.entries() + " entries"
                : "hash chain BROKEN at " + check.brokenAt() + ": " + check.problem());
        Element table = main.appendElement("table").attr("id", "audit");
        for (AuditEntry e : audit.read(new AuditLog.Filter(actor, null, null, null, 200))) {
            Element tr = table.appendElement("tr");
            for (Object cell : new Object[] {e.seq(), e.at(), e.actor(), e.role(), e.address(), e.action(), e.detail(),
                    e.results() == null ? "" : e.results(), e.status()}) {
                tr.appendElement("td").text(String.valueOf(cell));
            }
        }
        send(ctx, doc);
    }
}
