package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.school.School;
import org.roomwatch.core.search.Hit;

/**
 * Suggestions as an officer types a school or a room: {@code GET /pick/schools?school=…} and
 * {@code GET /pick/rooms?room=…} answer the {@code <option>}s of a datalist, which htmx (pinned from Maven Central's
 * WebJar, served from here: the pages' CSP allows nothing else) swaps in. An option's value is what the search reads
 * back: the name, then the id in brackets.
 */
final class Picks {
    static final String HTMX_VERSION = "2.0.8";
    private static final byte[] HTMX = WebPages.resource("/META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js");
    private static final int SUGGESTIONS = 12;

    private final SchoolLookup schools;
    private final SearchFilters filters;

    Picks(SchoolLookup schools, SearchFilters filters) {
        this.schools = schools;
        this.filters = filters;
    }

    void register(Javalin app) {
        app.get("/static/htmx.min.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(HTMX));
        app.get("/pick/schools", this::schools);
        app.get("/pick/rooms", this::rooms);
    }

    /**
     * Loads htmx on a page, configured for this CSP: no indicator style element (inline styles are refused) and no
     * evaluation of code written in attributes.
     */
    static void useHtmx(Document doc) {
        if (doc.selectFirst("script[src=/static/htmx.min.js]") != null) {
            return;
        }
        doc.head().appendElement("meta").attr("name", "htmx-config")
                .attr("content", "{\"includeIndicatorStyles\":false,\"allowEval\":false,\"allowScriptTags\":false}");
        doc.body().appendElement("script").attr("src", "/static/htmx.min.js");
    }

    private void schools(Context ctx) {
        // The search form's field is "school"; a watchlist's rule rows send their own field's name and value.
        String typed = Layout.blank(ctx.queryParam("school") != null ? ctx.queryParam("school")
                : ctx.queryParamMap().values().stream().flatMap(List::stream).findFirst().orElse(null));
        Element list = new Document("").appendElement("datalist");
        List<School> found = typed == null || typed.length() < 2 ? List.of() : schools.find(typed, SUGGESTIONS);
        for (School s : found) {
            list.appendElement("option").val(SchoolLookup.label(s)).text(SchoolLookup.place(s));
        }
        ApiSecurity.results(ctx, found.size());
        ctx.contentType("text/html; charset=utf-8").result(list.html());
    }

    private void rooms(Context ctx) {
        String typed = Layout.blank(ctx.queryParam("room"));
        Element list = new Document("").appendElement("datalist");
        List<Hit> found = typed == null || typed.length() < 2 ? List.of() : filters.rooms(typed);
        for (Hit r : found.subList(0, Math.min(SUGGESTIONS, found.size()))) {
            list.appendElement("option").val(SearchFilters.title(r) + " [" + r.id() + "]").text(r.id());
        }
        ApiSecurity.results(ctx, found.size());
        ctx.contentType("text/html; charset=utf-8").result(list.html());
    }
}
