package org.roomwatch.api;

import static org.roomwatch.api.Layout.alert;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.send;

import io.javalin.http.Context;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The login form (the session routes in the security layer answer it). */
final class LoginPage {
    private LoginPage() {}

    /** The login page; {@code failed} shows why the last try did not work. */
    static void login(Context ctx, String failed) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "login"));
        Element main = main(doc);
        if (failed != null) {
            alert(main, failed);
        }
        Element form = main.appendElement("form").attr("method", "post").attr("action", "/login");
        LocalRedirect.of(ctx.queryParam("next")).ifPresent(next ->
                form.appendElement("input").attr("type", "hidden").attr("name", "next").val(next));
        Element u = form.appendElement("label").text(I18n.t(lang, "user"));
        u.appendElement("input").attr("name", "user").attr("id", "user").attr("autocomplete", "username").attr("required", true);
        Element p = form.appendElement("label").text(I18n.t(lang, "password"));
        p.appendElement("input").attr("type", "password").attr("name", "password").attr("id", "password")
                .attr("autocomplete", "current-password").attr("required", true);
        form.appendElement("button").attr("type", "submit").attr("id", "login").text(I18n.t(lang, "login"));
        send(ctx, doc);
    }
}
