package org.roomwatch.api;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.security.Role;

/**
 * What every investigators' page shares: the language, the page shell with the header (what the user's role may
 * open), forms' CSRF field, error paragraphs, times in Korean wall-clock time, and sending. Every page is built as a
 * DOM (jsoup), so whatever a room title or message holds is text, never markup.
 */
final class Layout {
    static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    /** A request attribute: how many new alerts the user's lists hold (a supplier, asked only when a page is drawn). */
    static final String NEW_ALERTS = "nav.newAlerts";

    private Layout() {}

    static String lang(Context ctx) {
        String asked = ctx.queryParam("lang");
        if ("en".equals(asked) || "ko".equals(asked)) {
            ctx.cookie("rw_lang", asked);
            return asked;
        }
        return "en".equals(ctx.cookie("rw_lang")) ? "en" : "ko";
    }

    /** A page with the header (what the user's role may open), the given title, and an empty main to fill. */
    static Document page(Context ctx, String title) {
        String lang = lang(ctx);
        Document doc = Document.createShell("");
        doc.outputSettings().prettyPrint(false);
        doc.selectFirst("html").attr("lang", lang);
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        doc.head().appendElement("link").attr("rel", "stylesheet").attr("href", "/static/app.css");
        doc.title(title + " · roomwatch");
        doc.body().appendElement("a").addClass("skip").attr("href", "#main").text(I18n.t(lang, "skip"));
        Element header = doc.body().appendElement("header");
        header.appendElement("strong").text("roomwatch");
        String user = ApiSecurity.user(ctx);
        Role role = ApiSecurity.role(ctx);
        if (user != null) {
            Element nav = header.appendElement("nav").attr("aria-label", "main");
            nav.appendElement("a").attr("href", "/search").text(I18n.t(lang, "search"));
            nav.appendText(" · ");
            nav.appendElement("a").attr("href", "/images").text(I18n.t(lang, "images"));
            nav.appendText(" · ");
            nav.appendElement("a").attr("href", "/videos").text(I18n.t(lang, "videos"));
            nav.appendText(" · ");
            nav.appendElement("a").attr("href", "/schools").text(I18n.t(lang, "nav.schools"));
            if (role != null && role.includes(Role.ANALYST)) {
                for (String[] link : new String[][] {{"/watchlists", "nav.watchlists"}, {"/alerts", "nav.alerts"},
                        {"/discovered", "nav.discovered"}, {"/cases", "nav.cases"}}) {
                    nav.appendText(" · ");
                    Element a = nav.appendElement("a").attr("href", link[0]).text(I18n.t(lang, link[1]));
                    java.util.function.Supplier<Long> newAlerts = ctx.attribute(NEW_ALERTS);
                    if (link[0].equals("/alerts") && newAlerts != null) {
                        long count = countSafely(newAlerts);
                        if (count > 0) {
                            a.attr("href", "/alerts?state=new").appendText(" ");
                            a.appendElement("span").addClass("badge").attr("id", "new-alerts")
                                    .attr("aria-label", I18n.format(lang, "nav.newAlerts", count)).text(Long.toString(count));
                        }
                    }
                }
            }
            if (role != null && role.includes(Role.ADMIN)) {
                nav.appendText(" · ");
                nav.appendElement("a").attr("href", "/admin/users").text(I18n.t(lang, "users"));
                nav.appendText(" · ");
                nav.appendElement("a").attr("href", "/admin/audit").text(I18n.t(lang, "audit"));
            }
            Element who = header.appendElement("form").addClass("who").attr("method", "post").attr("action", "/logout");
            who.appendElement("span").text(user + " (" + I18n.t(lang, "role." + role.key()) + ") ");
            csrf(ctx, who);
            who.appendElement("button").attr("type", "submit").text(I18n.t(lang, "logout"));
        }
        header.appendElement("a").attr("href", "?lang=" + ("en".equals(lang) ? "ko" : "en")).attr("lang", "en".equals(lang) ? "ko" : "en")
                .text(I18n.t(lang, "language"));
        Element main = doc.body().appendElement("main").attr("id", "main");
        main.appendElement("h1").text(title);
        return doc;
    }

    /** The count of new alerts, or none when the index cannot say: a page is never refused for its navigation. */
    private static long countSafely(java.util.function.Supplier<Long> count) {
        try {
            return count.get();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static Element main(Document doc) {
        return doc.getElementById("main");
    }

    static void csrf(Context ctx, Element form) {
        String token = ctx.attribute("auth.csrf");
        if (token != null) {
            form.appendElement("input").attr("type", "hidden").attr("name", "_csrf").val(token);
        }
    }

    /** An error paragraph that screen readers announce. */
    static Element alert(Element parent, String text) {
        return parent.appendElement("p").addClass("error").attr("role", "alert").text(text);
    }

    /** A whole page that only says something went wrong, with its status. */
    static void messagePage(Context ctx, int status, String title, String text) {
        ctx.status(status);
        Document doc = page(ctx, title);
        alert(main(doc), text);
        send(ctx, doc);
    }

    static void send(Context ctx, Document doc) {
        ctx.contentType("text/html; charset=utf-8").result("<!DOCTYPE html>" + doc.outerHtml());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** An indexed instant as Korean wall-clock time, minutes precision, with the zone said (KST). */
    static String when(Object value) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", java.util.Locale.ROOT).format(Instant.parse(String.valueOf(value))
                    .atZone(KOREA));
        } catch (DateTimeParseException e) {
            return String.valueOf(value);
        }
    }

    /** Appends a highlight fragment: {@code <mark>} becomes a mark element, every other character stays text. */
    static void appendMarked(Element parent, String highlighted) {
        // The Korean analyzer marks each part of a compound apart (<mark>한</mark><mark>빛여고</mark>): one word, one mark.
        String fragment = highlighted.replace("</mark><mark>", "");
        int at = 0;
        while (at < fragment.length()) {
            int open = fragment.indexOf("<mark>", at);
            if (open < 0) {
                parent.appendText(fragment.substring(at));
                return;
            }
            int close = fragment.indexOf("</mark>", open);
            if (close < 0) {
                parent.appendText(fragment.substring(at));
                return;
            }
            parent.appendText(fragment.substring(at, open));
            parent.appendElement("mark").text(fragment.substring(open + 6, close));
            at = close + 7;
        }
    }

    static void row(Element table, String key, String value) {
        Element tr = table.appendElement("tr");
        tr.appendElement("th").attr("scope", "row").text(key);
        tr.appendElement("td").text(value);
    }
}
