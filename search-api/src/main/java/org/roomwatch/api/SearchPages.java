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
    static final int PAGE_SIZE = 20;
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
            MessagePages.bundleForm(ctx, main, lang); // the selection so far, carried from earlier searches
            send(ctx, doc);
            return;
        }
        int page = 1;
        try {
            page = Math.max(1, Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1")));
            MessageQuery query = query(ctx, page);
            SearchPage results = search.messages(query);
            ApiSecurity.results(ctx, results.total());
            if (query.text() == null && query.room() == null && query.from() == null && query.to() == null
                    && query.hasMedia() == null && query.filters().equals(MessageFilters.NONE)) {
                // An empty search is not an error: it lists what came in last, and says so.
                main.appendElement("p").attr("id", "empty-search").attr("role", "status").text(I18n.t(lang, "search.empty"));
            }
            summary(main, lang, results, page, ctx.queryString());
            if (results.hits().isEmpty()) {
                main.appendElement("p").attr("id", "no-results").text(I18n.t(lang, "noResults"));
            }
            for (Hit hit : results.hits()) {
                hitCard(main, lang, hit, true);
            }
            pager(main, lang, ctx.queryString(), page, results.total());
            MessagePages.bundleForm(ctx, main, lang);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            ctx.status(400);
            alert(main, I18n.t(lang, "badInput") + ": " + e.getMessage());
        }
        send(ctx, doc);
    }

    /** The search the form's fields (the page's query parameters) ask for, at {@code page}. */
    static MessageQuery query(Context ctx, int page) {
        boolean media = "on".equals(ctx.queryParam("hasMedia"));
        String region = blank(ctx.queryParam("region"));
        return new MessageQuery(blank(ctx.queryParam("q")), blank(ctx.queryParam("room")), day(ctx.queryParam("from"), false),
                day(ctx.queryParam("to"), true), media ? Boolean.TRUE : null, null, page, PAGE_SIZE, true,
                new MessageFilters(blank(ctx.queryParam("school")), region == null ? null : Gazetteer.sidoShort(region),
                        null, null, null, null));
    }

    /** How many matched, which of them this page shows, and the export of them all. */
    private static void summary(Element main, String lang, SearchPage results, int page, String queryString) {
        Element p = main.appendElement("p").attr("id", "total").attr("data-total", Long.toString(results.total()));
        long first = (long) (page - 1) * PAGE_SIZE + 1;
        long last = Math.min(results.total(), (long) page * PAGE_SIZE);
        if (results.total() == 0 || first > last) {
            p.text(I18n.format(lang, "search.zero", String.format("%,d", results.total())));
        } else {
            p.text(I18n.format(lang, "search.summary", String.format("%,d", results.total()), first, last) + " ");
            String query = queryString == null ? "" : "?" + queryString.replaceAll("(^|&)page=[^&]*", "").replaceAll("^&", "");
            p.appendElement("a").attr("id", "export").attr("href", "/search/export.csv" + query).text(I18n.t(lang, "search.export"));
        }
    }

    /**
     * Numbered pages around this one, the first and the last; a result past the engine's window (10,000) is paged up
     * to it and the page says the export holds the rest.
     */
    private static void pager(Element main, String lang, String queryString, int page, long total) {
        long pages = Math.min((total + PAGE_SIZE - 1) / PAGE_SIZE, MessageQuery.MAX_WINDOW / PAGE_SIZE);
        Element nav = main.appendElement("nav").addClass("pager").attr("aria-label", I18n.t(lang, "search.pages"));
        if (pages <= 1) {
            return;
        }
        String base = "/search?" + (queryString == null ? "" : queryString.replaceAll("(^|&)page=[^&]*", "").replaceAll("^&", ""));
        if (page > 1) {
            nav.appendElement("a").attr("href", base + "&page=" + (page - 1)).attr("id", "prev").attr("rel", "prev").text(I18n.t(lang, "prev"));
        }
        long shownUpTo = 0;
        for (long n = 1; n <= pages; n++) {
            if (n != 1 && n != pages && Math.abs(n - page) > 2) {
                continue;
            }
            if (n > shownUpTo + 1) {
                nav.appendElement("span").addClass("gap").text("…");
            }
            if (n == page) {
                nav.appendElement("span").addClass("current").attr("aria-current", "page").text(Long.toString(n));
            } else {
                nav.appendElement("a").attr("href", base + "&page=" + n).text(Long.toString(n));
            }
            shownUpTo = n;
        }
        if (page < pages) {
            nav.appendElement("a").attr("href", base + "&page=" + (page + 1)).attr("id", "next").attr("rel", "next").text(I18n.t(lang, "next"));
        }
        if (total > MessageQuery.MAX_WINDOW) {
            nav.appendElement("p").addClass("hint").text(I18n.format(lang, "search.window", String.format("%,d", MessageQuery.MAX_WINDOW)));
        }
    }

    private static Instant day(String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate d = LocalDate.parse(value.strip());
        return (end ? d.plusDays(1) : d).atStartOfDay(KOREA).toInstant();
    }

    static void hitCard(Element parent, String lang, Hit hit) {
        hitCard(parent, lang, hit, false);
    }

    /**
     * One message: room link, time, author, schools, the text (highlights kept as marks, everything else as text), a
     * link to the whole message and, where evidence can be made, a checkbox that selects it.
     */
    static void hitCard(Element parent, String lang, Hit hit, boolean selectable) {
        Map<String, Object> s = hit.source();
        Element card = parent.appendElement("article").addClass("hit").attr("data-id", hit.id());
        Element meta = card.appendElement("div").addClass("meta");
        if (selectable) {
            Element pick = meta.appendElement("label").addClass("pick-label");
            pick.appendElement("input").attr("type", "checkbox").addClass("pick").attr("data-id", hit.id()).attr("name", "m")
                    .attr("form", "bundle").val(hit.id()).attr("aria-label", I18n.t(lang, "select.one"));
        }
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
        if (s.get("deleted_at") != null) {
            meta.appendText(" · ");
            meta.appendElement("span").addClass("deleted").text(I18n.t(lang, "deleted"));
        }
        meta.appendText(" · ");
        meta.appendElement("a").addClass("detail").attr("href", "/messages/" + enc(hit.id())).text(I18n.t(lang, "message.open"));
        Element text = card.appendElement("p");
        String full = String.valueOf(s.getOrDefault("text", ""));
        if (hit.highlights() != null && !hit.highlights().isEmpty()) {
            for (String fragment : hit.highlights()) {
                // An ellipsis only where the fragment leaves text out: a fragment that is the whole message has none.
                String plain = fragment.replace("<mark>", "").replace("</mark>", "");
                if (!full.startsWith(plain)) {
                    text.appendText("… ");
                }
                appendMarked(text, fragment);
                if (!full.endsWith(plain)) {
                    text.appendText(" …");
                }
                text.appendText(" ");
            }
        } else {
            text.text(full);
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
