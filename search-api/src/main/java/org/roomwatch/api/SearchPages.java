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
import org.roomwatch.core.search.MessageViews;
import org.roomwatch.core.search.SearchPage;
import org.roomwatch.core.search.SearchService;
import org.roomwatch.tagging.Gazetteer;

/** Message search: the form, the results as cards with highlights, paging. */
final class SearchPages {
    static final int PAGE_SIZE = 20;
    private final SearchService search;
    private final SearchFilters filters;
    private final java.util.function.Supplier<MessageViews> deep;

    SearchPages(SearchService search, SearchFilters filters, java.util.function.Supplier<MessageViews> deep) {
        this.search = search;
        this.filters = filters;
        this.deep = deep;
    }

    void register(Javalin app) {
        app.get("/search", this::searchPage);
    }

    private void searchPage(Context ctx) {
        String lang = lang(ctx);
        Document doc = page(ctx, I18n.t(lang, "search"));
        Element main = main(doc);
        searchForm(main, lang, ctx);
        if (ctx.queryParamMap().isEmpty() || (ctx.queryParamMap().size() == 1 && ctx.queryParam("lang") != null)) {
            MessagePages.bundleForm(ctx, main, lang); // the selection so far, carried from earlier searches
            send(ctx, doc);
            return;
        }
        try {
            int page = Math.max(1, Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1")));
            SearchFilters.Outcome read = filters.read(ctx);
            chips(main, lang, ctx, read.chips());
            if (!read.runnable()) {
                unresolved(main, lang, ctx, read);
                send(ctx, doc);
                return;
            }
            if (ctx.queryParam("cursor") != null && deep.get() != null) {
                deepResults(ctx, main, lang, read);
                send(ctx, doc);
                return;
            }
            MessageQuery query = read.parts().query(page, PAGE_SIZE);
            SearchPage results = search.messages(query);
            ApiSecurity.results(ctx, results.total());
            if (read.parts().empty()) {
                // An empty search is not an error: it lists what came in last, and says so.
                main.appendElement("p").attr("id", "empty-search").attr("role", "status").text(I18n.t(lang, "search.empty"));
            }
            summary(main, lang, results, page, ctx.queryString());
            if (results.hits().isEmpty()) {
                main.appendElement("p").attr("id", "no-results").text(I18n.t(lang, "noResults"));
                whatEmptiedIt(main, lang, read);
            }
            for (Hit hit : results.hits()) {
                hitCard(main, lang, hit, true);
            }
            pager(main, lang, ctx.queryString(), page, results);
            MessagePages.bundleForm(ctx, main, lang);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            ctx.status(400);
            alert(main, I18n.t(lang, "badInput") + ": " + ErrorWords.say(lang, e.getMessage()));
        }
        send(ctx, doc);
    }

    /** The form, each field as typed; school and room suggest as the officer types (htmx fills their lists). */
    private static void searchForm(Element main, String lang, Context ctx) {
        Element form = main.appendElement("form").addClass("search").attr("method", "get").attr("action", "/search")
                .attr("role", "search");
        field(form, lang, "query", "q", ctx.queryParam("q"), "search");
        suggested(field(form, lang, "school", "school", ctx.queryParam("school"), "text"), form, "/pick/schools", "school-options");
        Element region = field(form, lang, "region", "region", ctx.queryParam("region"), "text").attr("list", "region-options")
                .attr("autocomplete", "off");
        Element regions = form.appendElement("datalist").attr("id", "region-options");
        Gazetteer.sidoNames().forEach(n -> regions.appendElement("option").val(n));
        suggested(field(form, lang, "room", "room", ctx.queryParam("room"), "text"), form, "/pick/rooms", "room-options");
        field(form, lang, "from", "from", ctx.queryParam("from"), "date");
        field(form, lang, "to", "to", ctx.queryParam("to"), "date");
        field(form, lang, "hasMedia", "hasMedia", "on".equals(ctx.queryParam("hasMedia")) ? "on" : null, "checkbox");
        form.appendElement("button").attr("type", "submit").attr("id", "go").text(I18n.t(lang, "go"));
        Picks.useHtmx(main.ownerDocument());
    }

    private static void suggested(Element input, Element form, String source, String listId) {
        input.attr("list", listId).attr("autocomplete", "off").attr("hx-get", source)
                .attr("hx-trigger", "input changed delay:250ms").attr("hx-target", "#" + listId).attr("hx-swap", "innerHTML");
        form.appendElement("datalist").attr("id", listId);
    }

    /** Each active filter as a chip with a link that drops it. */
    private static void chips(Element main, String lang, Context ctx, List<SearchFilters.Chip> chips) {
        if (chips.isEmpty()) {
            return;
        }
        Element list = main.appendElement("ul").attr("id", "chips").addClass("chips").attr("aria-label", I18n.t(lang, "filter.active"));
        for (SearchFilters.Chip chip : chips) {
            Element li = list.appendElement("li").attr("data-param", chip.param());
            String name = I18n.t(lang, "filter." + chip.param());
            li.appendText(chip.shown().isEmpty() ? name + " " : name + ": " + chip.shown() + " ");
            li.appendElement("a").attr("href", "/search?" + without(ctx, chip.param()))
                    .attr("aria-label", I18n.format(lang, "filter.drop", name)).text("✕");
        }
    }

    /** The query string without one field (and without the page: a changed search starts at its first page). */
    static String without(Context ctx, String param) {
        StringBuilder out = new StringBuilder();
        ctx.queryParamMap().forEach((key, values) -> {
            boolean dateRange = (param.equals("from") || param.equals("to")) && (key.equals("from") || key.equals("to"));
            if (key.equals(param) || key.equals("page") || dateRange) {
                return;
            }
            for (String v : values) {
                out.append(out.isEmpty() ? "" : "&").append(enc(key)).append('=').append(enc(v));
            }
        });
        return out.toString();
    }

    /** A name that fits several (asks which, each a link) or nothing (says so): no search was run. */
    private static void unresolved(Element main, String lang, Context ctx, SearchFilters.Outcome read) {
        main.appendElement("p").attr("id", "total").attr("data-total", "0");
        if (read.unknownParam() != null) {
            alert(main, I18n.format(lang, "filter.unknown." + read.unknownParam(), read.unknownTyped())).attr("id", "unknown-filter");
            return;
        }
        SearchFilters.Choice choice = read.choice();
        Element section = main.appendElement("section").attr("id", "choose").attr("aria-labelledby", "choose-h");
        section.appendElement("h2").attr("id", "choose-h").text(I18n.format(lang, "filter.choose." + choice.param(), choice.typed()));
        Element list = section.appendElement("ul");
        String rest = without(ctx, choice.param());
        for (SearchFilters.Option option : choice.options()) {
            Element li = list.appendElement("li");
            li.appendElement("a").attr("href", "/search?" + rest + (rest.isEmpty() ? "" : "&") + enc(choice.param()) + "="
                    + enc(option.value())).text(option.label());
            li.appendText(" · " + option.detail());
        }
    }

    /** With no result, which filter emptied it: the count each would give if it were dropped. */
    private void whatEmptiedIt(Element main, String lang, SearchFilters.Outcome read) {
        if (read.chips().size() < 2) {
            return; // one filter or none: the search itself found nothing, and the summary says so
        }
        Element list = main.appendElement("ul").attr("id", "emptied-by");
        for (SearchFilters.Chip chip : read.chips()) {
            SearchPage counted = search.messages(read.parts().without(chip.param()).query(1, 1));
            long without = counted.total();
            if (without > 0) {
                list.appendElement("li").attr("data-param", chip.param()).text(I18n.format(lang, "filter.emptiedBy",
                        I18n.t(lang, "filter." + chip.param()) + (chip.shown().isEmpty() ? "" : " " + chip.shown()),
                        String.format("%,d", without) + (counted.totalCapped() ? "+" : "")));
            }
        }
        if (list.children().isEmpty()) {
            list.appendElement("li").text(I18n.t(lang, "filter.emptiedByNone"));
        }
    }

    /** A deep page: the walk's cursor (or where to start it) in the address, "next" only, one consistent view. */
    private void deepResults(Context ctx, Element main, String lang, SearchFilters.Outcome read) {
        String cursor = blank(ctx.queryParam("cursor"));
        int skip = 0;
        if (cursor == null && ctx.queryParam("skip") != null) {
            try {
                skip = Integer.parseInt(ctx.queryParam("skip").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("skip must be within 0.." + MessageQuery.MAX_WINDOW + ", got " + ctx.queryParam("skip"));
            }
        }
        MessageViews.CursorPage page = deep.get().scroll(read.parts().query(1, PAGE_SIZE), cursor, skip);
        ApiSecurity.results(ctx, page.page().hits().size());
        main.appendElement("p").attr("id", "total").attr("data-total", Long.toString(page.page().total()))
                .text(I18n.format(lang, "search.deep", String.format("%,d", page.page().total())));
        for (Hit hit : page.page().hits()) {
            hitCard(main, lang, hit, true);
        }
        Element nav = main.appendElement("nav").addClass("pager").attr("aria-label", I18n.t(lang, "search.pages"));
        if (page.next() != null) {
            String rest = without(ctx, "cursor").replaceAll("(^|&)skip=[^&]*", "").replaceAll("^&", "");
            nav.appendElement("a").attr("id", "next").attr("rel", "next").attr("href", "/search?" + rest + (rest.isEmpty() ? "" : "&")
                    + "cursor=" + enc(page.next())).text(I18n.t(lang, "next"));
        } else {
            nav.appendElement("span").attr("id", "end").text(I18n.t(lang, "search.end"));
        }
        MessagePages.bundleForm(ctx, main, lang);
    }

    /** How many matched, which of them this page shows, and the export of them all. */
    private static void summary(Element main, String lang, SearchPage results, int page, String queryString) {
        Element p = main.appendElement("p").attr("id", "total").attr("data-total", Long.toString(results.total()));
        long first = (long) (page - 1) * PAGE_SIZE + 1;
        long last = Math.min(results.total(), (long) page * PAGE_SIZE);
        if (results.total() == 0 || first > last) {
            p.text(I18n.format(lang, "search.zero", String.format("%,d", results.total())));
        } else {
            p.text(I18n.format(lang, results.totalCapped() ? "search.summaryAtLeast" : "search.summary", String.format("%,d", results.total()),
                    first, last) + " ");
            String query = queryString == null ? "" : "?" + queryString.replaceAll("(^|&)page=[^&]*", "").replaceAll("^&", "");
            p.appendElement("a").attr("id", "export").attr("href", "/search/export.csv" + query).text(I18n.t(lang, "search.export"));
        }
    }

    /**
     * Numbered pages around this one, the first and the last; a result past the engine's window (10,000) is paged up
     * to it and the page says the export holds the rest.
     */
    private static void pager(Element main, String lang, String queryString, int page, SearchPage results) {
        long total = results.total();
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
        if (total > MessageQuery.MAX_WINDOW || results.totalCapped()) {
            Element hint = nav.appendElement("p").addClass("hint").text(I18n.format(lang, "search.window", String.format("%,d", MessageQuery.MAX_WINDOW)) + " ");
            // Past the window, pages go on through a point in time (search_after), one "next" at a time.
            hint.appendElement("a").attr("id", "beyond").attr("href", base.replaceAll("&$", "") + "&cursor=&skip=" + MessageQuery.MAX_WINDOW)
                    .text(I18n.format(lang, "search.beyond", String.format("%,d", MessageQuery.MAX_WINDOW)));
        }
    }

    static void hitCard(Element parent, String lang, Hit hit) {
        hitCard(parent, lang, hit, false);
    }

    /**
     * One message: room link, time, author, schools, the text (highlights kept as marks, everything else as text), a
     * link to the whole message and, where evidence can be made, a checkbox that selects it.
     */
    /**
     * The text read in the message's pictures, labelled as such (words a search found there marked), shortened: the
     * message page shows it whole.
     */
    private static void pictureText(Element card, String lang, Object imageText, List<String> fragments) {
        if (!(imageText instanceof String read) || read.isBlank()) {
            return;
        }
        Element p = card.appendElement("p").addClass("in-picture");
        p.appendElement("span").addClass("label").text(I18n.t(lang, "hit.inPicture") + " ");
        if (fragments.isEmpty()) {
            p.appendText(read.length() > 200 ? read.substring(0, 200) + " …" : read);
            return;
        }
        for (String fragment : fragments) {
            appendMarked(p, fragment);
            p.appendText(" ");
        }
    }

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
        List<String> own = hit.highlights() == null ? List.of()
                : hit.highlights().stream().filter(f -> !f.startsWith(Hit.PICTURE_MARK)).toList();
        List<String> inPicture = hit.highlights() == null ? List.of()
                : hit.highlights().stream().filter(f -> f.startsWith(Hit.PICTURE_MARK)).map(f -> f.substring(Hit.PICTURE_MARK.length())).toList();
        pictureText(card, lang, s.get("image_text"), inPicture);
        if (!own.isEmpty()) {
            for (String fragment : own) {
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

    private static Element field(Element form, String lang, String key, String name, String value, String type) {
        Element label = form.appendElement("label").text(I18n.t(lang, key));
        Element input = label.appendElement("input").attr("name", name).attr("id", name).attr("type", type);
        if (value != null) {
            if (type.equals("checkbox")) {
                input.attr("checked", true);
            } else {
                input.val(value);
            }
        }
        return input;
    }
}
