package org.roomwatch.api;

import static org.roomwatch.api.Layout.KOREA;
import static org.roomwatch.api.Layout.alert;
import static org.roomwatch.api.Layout.appendMarked;
import static org.roomwatch.api.Layout.blank;
import static org.roomwatch.api.Layout.enc;
import static org.roomwatch.api.Layout.lang;
import static org.roomwatch.api.Layout.main;
import static org.roomwatch.api.Layout.page;
import static org.roomwatch.api.Layout.send;
import static org.roomwatch.api.Layout.when;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.search.Hit;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.tagging.Gazetteer;

/** Message search: the form, the results as cards with highlights, paging. */
final class SearchPages {
    private final SearchService search;

    SearchPages(SearchService search) {
        this.search = search;
    }

    void register(Javalin app) {
        app.get("/search", this::searchPage);
    }

    private void searchPage(Context ctx) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "search"));
        Element main = main(doc);
        String q = ctx.queryParam("q");
        String school = ctx.queryParam("school");
        String region = ctx.queryParam("region");
        String room = ctx.queryParam("room");
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        boolean media = "on".equals(ctx.queryParam("hasMedia"));
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/search")
                .attr("role", "search");
        field(form, lang, "query", "q", q, "search");
        field(form, lang, "school", "school", school, "text");
        field(form, lang, "region", "region", region, "text");
        field(form, lang, "room", "room", room, "text");
        field(form, lang, "from", "from", from, "date");
        field(form, lang, "to", "to", to, "date");
        field(form, lang, "hasMedia", "hasMedia", media ? "on" : null, "checkbox");
        form.appendElement("button").attr("type", "submit").attr("id", "go").text(I18n.t(lang, "go"));
        if (ctx.queryParamMap().isEmpty() || (ctx.queryParamMap().size() == 1 && ctx.queryParam("lang") != null)) {
            send(ctx, doc);
            return;
        }
        int page = 1;
        try {
            page = Math.max(1, Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1")));
            MessageQuery query = new MessageQuery(blank(q), blank(room), day(from, false), day(to, true), media ? Boolean.TRUE : null,
                    null, page, 20, true, new MessageFilters(blank(school), blank(region) == null ? null : Gazetteer.sidoShort(region),
                    null, null, null, null));
            SearchPage results = search.messages(query);
            ApiSecurity.results(ctx, results.total());
            main.appendElement("p").attr("id", "total").text(results.total() + " " + I18n.t(lang, "results"));
            if (results.hits().isEmpty()) {
                main.appendElement("p").text(I18n.t(lang, "noResults"));
            }
            for (Hit hit : results.hits()) {
                hitCard(main, lang, hit);
            }
            Element pager = main.appendElement("nav").attr("aria-label", "pages");
            String base = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)page=[^&]*", "");
            if (page > 1) {
                pager.appendElement("a").attr("href", "/search?" + base + "&page=" + (page - 1)).text(I18n.t(lang, "prev"));
                pager.appendText(" ");
            }
            if ((long) page * 20 < results.total()) {
                pager.appendElement("a").attr("href", "/search?" + base + "&page=" + (page + 1)).attr("id", "next").text(I18n.t(lang, "next"));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            ctx.status(400);
            alert(main, I18n.t(lang, "badInput") + ": " + e.getMessage());
        }
        send(ctx, doc);
    }

    private static Instant day(String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate d = LocalDate.parse(value.strip());
        return (end ? d.plusDays(1) : d).atStartOfDay(KOREA).toInstant();
    }

    /** One message: room link, time, author, and the text (highlights kept as marks, everything else as text). */
    static void hitCard(Element parent, String lang, Hit hit) {
        Map<String, Object> s = hit.source();
        Element card = parent.appendElement("article").addClass("hit");
        Element meta = card.appendElement("div").addClass("meta");
        String roomName = String.valueOf(s.get("room"));
        meta.appendElement("a").attr("href", "/rooms/" + enc(roomName)).text(roomName);
        meta.appendText(" · " + I18n.t(lang, "posted") + " " + when(s.get("posted_at")) + " · "
                + (s.get("author") == null ? "" : s.get("author")));
        if (s.get("schools") instanceof List<?> schools) {
            for (Object school : schools) {
                if (school instanceof Map<?, ?> m && m.get("id") != null) {
                    meta.appendText(" · ");
                    meta.appendElement("a").attr("href", "/schools/" + enc(String.valueOf(m.get("id"))))
                            .text(String.valueOf(m.get("name")));
                }
            }
        }
        Element text = card.appendElement("p");
        if (hit.highlights() != null && !hit.highlights().isEmpty()) {
            for (String fragment : hit.highlights()) {
                appendMarked(text, fragment);
                text.appendText(" … ");
            }
        } else {
            text.text(String.valueOf(s.getOrDefault("text", "")));
        }
    }

    private static void field(Element form, String lang, String key, String name, String value, String type) {
        Element label = form.appendElement("label").text(I18n.t(lang, key));
        Element input = label.appendElement("input").attr("name", name).attr("id", name).attr("type", type);
        if (value != null) {
            if (type.equals("checkbox")) {
                input.attr("checked", true);
            } else {
                input.val(value);
            }
        }
    }
}
