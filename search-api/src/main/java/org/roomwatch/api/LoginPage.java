package org.roomwatch.api;

import static org.roomwatch.api.Layout.alert;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.send;

import io.javalin.http.Context;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The login form (the session routes in the security layer answer it). The form carries a one-time token that is also
 * set as a cookie only this site can read: a form posted from another site cannot know it, so it cannot log the
 * browser in to an account of the attacker's choosing (login CSRF).
 */
final class LoginPage {
    static final String TOKEN_COOKIE = "rw_login";
    static final String TOKEN_FIELD = "_login";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private LoginPage() {}

    /** Whether a posted login form carries the token its page was given. */
    static boolean tokenMatches(Context ctx) {
        String cookie = ctx.cookie(TOKEN_COOKIE);
        String field = ctx.formParam(TOKEN_FIELD);
        return cookie != null && field != null && java.security.MessageDigest.isEqual(
                cookie.getBytes(java.nio.charset.StandardCharsets.US_ASCII), field.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String issueToken(Context ctx) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = java.util.HexFormat.of().formatHex(bytes);
        ctx.header("Set-Cookie", TOKEN_COOKIE + "=" + token + "; Path=/login; HttpOnly; SameSite=Strict"
                + (ApiSecurity.cookieSecure(ctx) ? "; Secure" : ""));
        return token;
    }

    /** The login page; {@code failed} shows why the last try did not work. */
    static void login(Context ctx, String failed) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "login"));
        Element main = main(doc);
        if (failed != null) {
            alert(main, failed);
        }
        Element form = main.appendElement("form").attr("method", "post").attr("action", "/login");
        form.appendElement("input").attr("type", "hidden").attr("name", TOKEN_FIELD).val(issueToken(ctx));
        // Back where the officer was after login, also after a failed try (the page posted it in the form).
        String next = ctx.queryParam("next") != null || !AuthFilter.isForm(ctx) ? ctx.queryParam("next") : ctx.formParam("next");
        LocalRedirect.of(next).ifPresent(target ->
                form.appendElement("input").attr("type", "hidden").attr("name", "next").val(target));
        carry(ctx, form, main, lang);
        Element u = form.appendElement("label").text(I18n.t(lang, "user"));
        u.appendElement("input").attr("name", "user").attr("id", "user").attr("autocomplete", "username").attr("required", true);
        Element p = form.appendElement("label").text(I18n.t(lang, "password"));
        p.appendElement("input").attr("type", "password").attr("name", "password").attr("id", "password")
                .attr("autocomplete", "current-password").attr("required", true);
        form.appendElement("button").attr("type", "submit").attr("id", "login").text(I18n.t(lang, "login"));
        send(ctx, doc);
    }

    static final String RESUME_TO = "resume_to";
    static final String RESUME_PREFIX = "resume:";
    private static final java.util.Set<String> NOT_CARRIED = java.util.Set.of("_csrf", TOKEN_FIELD, "user", "password", "next");

    /**
     * A form sent after the session ended is not lost: its fields ride along with the login form (never the password
     * or a token) and, once logged in, come back in a form to send again ({@link #resume}).
     */
    private static void carry(Context ctx, Element form, Element main, String lang) {
        if (!"POST".equals(ctx.method().name()) || !AuthFilter.isForm(ctx)) {
            return;
        }
        boolean refusedForm = !ctx.path().equals("/login");
        String to = refusedForm ? ctx.path() : ctx.formParam(RESUME_TO);
        if (to == null || LocalRedirect.of(to).isEmpty()) {
            return;
        }
        int carried = 0;
        for (var e : ctx.formParamMap().entrySet()) {
            String name = refusedForm ? e.getKey() : e.getKey().startsWith(RESUME_PREFIX) ? e.getKey().substring(RESUME_PREFIX.length()) : null;
            if (name == null || NOT_CARRIED.contains(name)) {
                continue;
            }
            for (String value : e.getValue()) {
                form.appendElement("input").attr("type", "hidden").attr("name", RESUME_PREFIX + name).val(value);
                carried++;
            }
        }
        form.appendElement("input").attr("type", "hidden").attr("name", RESUME_TO).val(to);
        if (refusedForm) {
            main.appendElement("p").attr("id", "resume-note").attr("role", "status").text(I18n.format(lang, "login.resumeNote", carried));
        }
    }

    /** After a login that carried a form: the form again, its fields shown, to send with one click. */
    static boolean resume(Context ctx, String csrf) {
        String to = ctx.formParam(RESUME_TO);
        if (to == null || LocalRedirect.of(to).isEmpty()) {
            return false;
        }
        String lang = lang(ctx);
        ctx.attribute("auth.csrf", csrf);
        Document doc = page(ctx, I18n.t(lang, "login.resumeTitle"));
        Element main = main(doc);
        main.appendElement("p").text(I18n.t(lang, "login.resumeText"));
        Element form = main.appendElement("form").attr("method", "post").attr("action", to).attr("id", "resume");
        Layout.csrf(ctx, form);
        Element shown = main.appendElement("table").attr("id", "resume-fields");
        for (var e : ctx.formParamMap().entrySet()) {
            if (!e.getKey().startsWith(RESUME_PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(RESUME_PREFIX.length());
            for (String value : e.getValue()) {
                form.appendElement("input").attr("type", "hidden").attr("name", name).val(value);
                Layout.row(shown, name, value);
            }
        }
        form.appendElement("button").attr("type", "submit").attr("id", "send-again").text(I18n.t(lang, "login.resumeSend"));
        main.appendElement("p").appendElement("a").attr("href", to).text(I18n.t(lang, "login.resumeSkip"));
        send(ctx, doc);
        return true;
    }
}
